/**
 * Option values read through one typed helper: a command names its options once, with their types,
 * and gets back a typed object instead of calling `getString` and friends all over the place.
 */
import type { Attachment, ChatInputCommandInteraction } from 'discord.js';

interface OptionTypes {
  string: string;
  boolean: boolean;
  attachment: Attachment;
}

export interface OptionSpec {
  type: keyof OptionTypes;
  required?: boolean;
}

export type OptionValues<S extends Record<string, OptionSpec>> = {
  [K in keyof S]: S[K]['required'] extends true
    ? OptionTypes[S[K]['type']]
    : OptionTypes[S[K]['type']] | undefined;
};

export function readOptions<const S extends Record<string, OptionSpec>>(
  interaction: ChatInputCommandInteraction,
  spec: S,
): OptionValues<S> {
  const values: Record<string, unknown> = {};
  for (const [name, { type, required = false }] of Object.entries(spec)) {
    const { options } = interaction;
    const value =
      type === 'string'
        ? options.getString(name, required)
        : type === 'boolean'
          ? options.getBoolean(name, required)
          : options.getAttachment(name, required);
    values[name] = value ?? undefined;
  }
  return values as OptionValues<S>;
}
