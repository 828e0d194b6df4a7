/**
 * Press-conference and interview transcripts: "Q." questions and "NAME:" answers, speech with no
 * quote marks. Each turn is one quote; an unlabelled paragraph between an answer and the next turn
 * continues that answer.
 */

export interface TranscriptTurn {
  paragraph: number;
  /** The label as written ("MARTA KOWALCZYK-RUIZ"); null for a question or a continued answer. */
  label: string | null;
  kind: 'question' | 'answer' | 'continued';
  /** Where the spoken words start, after the label. */
  textStart: number;
}

const QUESTION_LABEL = /^(?:Q|QUESTION)(?:\.|:|\s*:)\s+/u;
/** One to five upper-case words and a colon: "MARTA KOWALCZYK-RUIZ: …", "COACH O'NEILL: …". */
const ANSWER_LABEL = /^(\p{Lu}[\p{Lu}\p{M}'’.-]*(?:[ ]\p{Lu}[\p{Lu}\p{M}'’.-]*){0,4}):\s+/u;
/** In a Q&A with "Q:" questions, a name as written answers too: "Varga: …", "A:" the one interviewed. */
const NAME_LABEL = /^(\p{Lu}[\p{L}\p{M}'’.-]*(?:[ ]\p{Lu}[\p{L}\p{M}'’.-]*){0,2}):\s+/u;
/** Labels that introduce a note, not a speaker: "UPDATE:", "Editor's Note:", "CORRECTION:". */
const NOTE_LABEL =
  /^(?:update|updated|editor['’]s note|note|correction|clarification|watch|read more|related|listen|warning|disclaimer)$/iu;
/** An answer runs on over at most this many unlabelled paragraphs. */
const MAX_CONTINUED = 3;
const QUOTE_MARK = /["“”«»]/u;
/** A transcript has at least this many labelled turns, one label answering at least twice. */
const MIN_TURNS = 3;

/** The turns of a transcript, or none when the copy is not one (a "LONDON:" dateline is not a turn). */
export function findTranscriptTurns(paragraphs: readonly string[]): TranscriptTurn[] {
  const labelled = paragraphs.map((paragraph, index): TranscriptTurn | null => {
    const question = QUESTION_LABEL.exec(paragraph);
    if (question) return { paragraph: index, label: null, kind: 'question', textStart: question[0].length };
    const answer = ANSWER_LABEL.exec(paragraph);
    if (answer && /\p{Lu}{2}/u.test(answer[1]) && !NOTE_LABEL.test(answer[1]))
      return { paragraph: index, label: answer[1], kind: 'answer', textStart: answer[0].length };
    return null;
  });
  // Name-case labels count beside "Q" questions when one repeats ("Note:" or "Update:" alone is no answer), and
  // as full names beside upper-case turns ("Rob Kellaway: …" before "RK: …").
  const questions = labelled.some((turn) => turn?.kind === 'question');
  // Two different upper-case speakers make a transcript; two "UPDATE:" notes do not.
  const upperCaseTurns = new Set(labelled.filter((turn) => turn?.kind === 'answer').map((turn) => turn!.label)).size >= 2;
  if (questions || upperCaseTurns) {
    const named = paragraphs.map((paragraph) => NAME_LABEL.exec(paragraph)?.[1] ?? null);
    const uses = new Map<string, number>();
    for (const label of named) if (label) uses.set(label, (uses.get(label) ?? 0) + 1);
    paragraphs.forEach((paragraph, index) => {
      const label = named[index];
      if (labelled[index] || !label || label === 'Q' || NOTE_LABEL.test(label)) return;
      const repeats = (uses.get(label) ?? 0) >= 2;
      if (!(questions && repeats) && !(upperCaseTurns && label.includes(' '))) return;
      const textStart = NAME_LABEL.exec(paragraph)![0].length;
      labelled[index] = { paragraph: index, label: label === 'A' ? null : label, kind: 'answer', textStart };
    });
  }
  const turns = labelled.filter((turn): turn is TranscriptTurn => turn !== null);
  const answers = new Map<string, number>();
  for (const turn of turns) if (turn.label) answers.set(turn.label, (answers.get(turn.label) ?? 0) + 1);
  if (turns.length < MIN_TURNS || ![...answers.values()].some((count) => count >= 2)) return [];

  const all: TranscriptTurn[] = [];
  let answering = false;
  let gap: number[] = [];
  // A short run of unlabelled paragraphs between an answer and the next turn continues the answer; a long run,
  // or one with quote marks, is the reporter's narrative. Credits and notes after the last turn are not speech.
  paragraphs.forEach((_, index) => {
    const turn = labelled[index];
    if (!turn) {
      gap.push(index);
      return;
    }
    const narrative = gap.length > MAX_CONTINUED || gap.some((at) => QUOTE_MARK.test(paragraphs[at]));
    if (answering && !narrative) for (const at of gap) all.push({ paragraph: at, label: null, kind: 'continued', textStart: 0 });
    gap = [];
    all.push(turn);
    answering = turn.kind === 'answer';
  });
  return all;
}

/** "MARTA KOWALCZYK-RUIZ" -> "Marta Kowalczyk-Ruiz", "O'NEILL" -> "O'Neill". */
export function labelAsName(label: string): string {
  return label.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}
