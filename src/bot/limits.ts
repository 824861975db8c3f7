/**
 * Discord's limits, in one place, so that every renderer cuts text before Discord would reject it.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const MESSAGE_CONTENT_MAX = 2000;
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_TEXT_MAX = 2048;
/** The sum of title, description, field names and values, footer text and author name. */
export const EMBED_TOTAL_MAX = 6000;
export const AUTOCOMPLETE_CHOICES_MAX = 25;
export const AUTOCOMPLETE_CHOICE_NAME_MAX = 100;
export const AUTOCOMPLETE_CHOICE_VALUE_MAX = 100;
/** https://discord.com/developers/docs/components/reference */
export const CUSTOM_ID_MAX = 100;
export const BUTTON_LABEL_MAX = 80;
export const BUTTONS_PER_ROW_MAX = 5;
export const ACTION_ROWS_MAX = 5;
