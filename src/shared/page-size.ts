/** Rows a list returns when the client gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;
/** The most rows one page may ask for. */
export const MAX_PAGE_SIZE = 100;
