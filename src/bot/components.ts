/**
 * The buttons under an answer: More, Share, 👍 and 👎, laid out in action rows within Discord's limits
 * (labels cut to 80 characters, at most 5 buttons a row and 5 rows; custom ids are made in custom-id.ts).
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type ButtonStyle,
  ComponentType,
} from 'discord.js';
import { cutAtWord } from '../engine/text/cut.ts';
import {
  type Action,
  type ButtonMemory,
  decodeCustomId,
  encodeCustomId,
  type Pageable,
} from './custom-id.ts';
import { ACTION_ROWS_MAX, BUTTON_LABEL_MAX, BUTTONS_PER_ROW_MAX } from './limits.ts';

export type ButtonRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface ButtonSpec {
  action: Action;
  label: string;
  style: ButtonStyle.Primary | ButtonStyle.Secondary;
  /** The first result the button's page starts at. */
  offset: number;
}

export const VOTE_LABELS = { up: '👍', down: '👎' } as const;

/** "More (4 left)": the count says what pressing it will eventually show. */
export function moreLabel(remaining: number): string {
  return `More (${remaining} left)`;
}

export const SHARE_LABEL = 'Share';

/** What a message's buttons are about: the command (or timeline), its query, the version it was made from. */
export interface ButtonSubject {
  kind: Pageable;
  query: string;
  version: string;
}

/** Rows of buttons for the specs, in order, at most 5 a row; more than 5 rows' worth is a programming error. */
export function buttonRows(subject: ButtonSubject, specs: ButtonSpec[], memory: ButtonMemory): ButtonRow[] {
  const buttons: APIButtonComponentWithCustomId[] = specs.map((spec) => ({
    type: ComponentType.Button,
    style: spec.style,
    label: cutAtWord(spec.label, BUTTON_LABEL_MAX),
    custom_id: encodeCustomId({ ...subject, action: spec.action, offset: spec.offset }, memory.queries),
  }));
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW_MAX)
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTONS_PER_ROW_MAX) });
  if (rows.length > ACTION_ROWS_MAX) throw new Error(`${rows.length} rows of buttons; Discord allows 5`);
  return rows;
}

/** The same rows without the buttons of one action (Share, once used); rows left empty are dropped. */
export function withoutAction(rows: readonly ButtonRow[], action: Action, memory: ButtonMemory): ButtonRow[] {
  return rows
    .map((row) => ({
      ...row,
      components: row.components.filter(
        (component) =>
          !('custom_id' in component) ||
          decodeCustomId(component.custom_id, memory.queries)?.action !== action,
      ),
    }))
    .filter((row) => row.components.length > 0);
}
