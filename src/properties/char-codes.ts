/** Character codes the .properties scanner tests (the text is one byte per character, ISO-8859-1). */
export const LF = 10;
export const CR = 13;
export const TAB = 9;
export const FF = 12;
export const SPACE = 32;
export const BANG = 33;
export const HASH = 35;
export const COLON = 58;
export const EQUALS = 61;
export const BACKSLASH = 92;
