/**
 * Discord's limits, in one place, so that every renderer cuts text before Discord would reject it.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const MESSAGE_CONTENT_MAX = 2000;
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FOOTER_TEXT_MAX = 2048;
export const EMBED_AUTHOR_NAME_MAX = 256;
/** The sum of title, description, field names and values, footer text and author name. */
export const EMBED_TOTAL_MAX = 6000;
export const EMBEDS_PER_MESSAGE_MAX = 10;
export const AUTOCOMPLETE_CHOICES_MAX = 25;
export const AUTOCOMPLETE_CHOICE_NAME_MAX = 100;
export const AUTOCOMPLETE_CHOICE_VALUE_MAX = 100;
export const SLASH_OPTION_STRING_MAX = 6000;
/** Discord marks an interaction failed when it gets no response within 3 s. */
export const INTERACTION_RESPONSE_DEADLINE_MS = 3000;
