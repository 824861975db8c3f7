/** Time expressions news writes besides calendar dates: clock times, quarters, fiscal years, "now". */
import { describe, expect, it } from 'vitest';
import { findTimeSpans } from '../../../src/engine/extract/times.ts';

const found = (sentence: string) => findTimeSpans(sentence, '1998-02-13').map((t) => [t.text, t.kind]);

describe('findTimeSpans', () => {
  it('finds a clock time or part of a day with its day', () => {
    expect(found('Corin Vale was taken from his home at 10 p.m. Wednesday.')).toEqual([
      ['at 10 p.m. Wednesday', 'weekday'],
    ]);
    expect(found('The shares fell in mid-afternoon trading, late Friday evening.')).toEqual([
      ['late Friday evening', 'weekday'],
    ]);
    expect(found('They will meet later this afternoon.')).toEqual([['later this afternoon', 'relative']]);
  });

  it('finds quarters, fiscal years and periods of a year', () => {
    expect(found('Quorra Mills lost money in the third quarter of 1997 and in fiscal 1996.')).toEqual([
      ['the third quarter of 1997', 'year'],
      ['fiscal 1996', 'year'],
    ]);
    expect(found('Third-quarter profit rose, as it did in the latest quarter.')).toEqual([
      ['Third-quarter', 'relative'],
      ['the latest quarter', 'relative'],
    ]);
    expect(found('A quarter of the voters agreed.')).toEqual([]);
    expect(found('Its fourth quarter was flat.')).toEqual([['Its fourth quarter', 'relative']]);
    expect(found('Sales fell in the quarter at the shop in the Latin Quarter.')).toEqual([
      ['the quarter', 'relative'],
    ]);
  });

  it('finds a month told from the year it is in, and present or recent times', () => {
    expect(found('The plant closed in June last year and reopened last May.')).toEqual([
      ['in June last year', 'month'],
      ['last May', 'month'],
    ]);
    expect(found('The party recently won seats and now holds twelve.')).toEqual([
      ['recently', 'relative'],
      ['now', 'relative'],
    ]);
  });

  it('finds a month alone after a preposition or an article, or at an edge of the month', () => {
    expect(found('The figures for January beat a June forecast made at the beginning of October.')).toEqual([
      ['for January', 'month'],
      ['June', 'month'],
      ['the beginning of October', 'month'],
    ]);
    expect(found('Orders rose in mid-October and early March.')).toEqual([
      ['mid-October', 'month'],
      ['early March', 'month'],
    ]);
    // a surname that is a month's name is no month, nor is the modal verb
    expect(found('Lorna May said the deal may close.')).toEqual([]);
  });

  it('finds future and past periods, and the year or week a period is named by', () => {
    expect(found('Tax credits will cut payments in future quarters, as in past years.')).toEqual([
      ['in future quarters', 'relative'],
      ['in past years', 'relative'],
    ]);
    expect(found("For the year ended June 30, Telvo earned more, and the week's gains held.")).toEqual([
      ['For the year', 'relative'],
      ['June 30', 'date'],
      ['the week', 'relative'],
    ]);
    expect(found('Telvo was named firm of the year for the year 2001.')).toEqual([['2001', 'year']]);
    expect(found('The sale should close around year end.')).toEqual([['around year end', 'relative']]);
  });

  it('keeps a year whole with the event it names', () => {
    expect(found('Orla Fenn has not raced since the 2027 World Cup final, after the 2026 crash.')).toEqual([
      ['since the 2027 World Cup final', 'year'],
      ['after the 2026 crash', 'year'],
    ]);
    expect(found('The 2029 sales rose.')).toEqual([['2029', 'year']]);
  });

  it('reads years and decades written in words, as transcripts write them', () => {
    expect(
      found('Ada Vell was convicted in nineteen ninety-one and freed in the winter of nineteen ninety-four.'),
    ).toEqual([
      ['nineteen ninety-one', 'year'],
      ['the winter of nineteen ninety-four', 'year'],
    ]);
    expect(found('Numbers dropped through the nineties, and nineteen people came.')).toEqual([
      ['the nineties', 'year'],
    ]);
  });

  it('keeps a relative time whole and finds vague past and future times', () => {
    expect(found('More recently the fund has sold bonds in recent weeks and months.')).toEqual([
      ['More recently', 'relative'],
      ['in recent weeks and months', 'relative'],
    ]);
    expect(found('Plants will close over the next year or so, as in past years.')).toEqual([
      ['over the next year or so', 'relative'],
      ['in past years', 'relative'],
    ]);
    expect(found('In the past, the Orvel board met in the past two years twice.')).toEqual([
      ['In the past', 'relative'],
      ['in the past two years', 'relative'],
    ]);
    expect(found('It will seek financing at a later date; earlier in the year it was delayed.')).toEqual([
      ['at a later date', 'relative'],
      ['earlier in the year', 'relative'],
    ]);
    expect(found('In the past it weighed a merger; it may buy more shares from time to time.')).toEqual([
      ['In the past', 'relative'],
      ['from time to time', 'relative'],
    ]);
  });

  it('keeps the part of a year or decade that is meant, and a quarter told from its year', () => {
    expect(found("The trend marked the last half of the '80s and the 1990s.")).toEqual([
      ["the last half of the '80s", 'year'],
      ['the 1990s', 'year'],
    ]);
    expect(
      found('Orvel will not borrow for a good part of 1990 and expects gains in 1990 and beyond.'),
    ).toEqual([
      ['a good part of 1990', 'year'],
      ['1990 and beyond', 'year'],
    ]);
    expect(found('Prices will fall in the first two quarters of 1990 and the first half of 1991.')).toEqual([
      ['the first two quarters of 1990', 'year'],
      ['the first half of 1991', 'year'],
    ]);
    expect(found("Last year's profit will be beaten in next year's first quarter.")).toEqual([
      ['Last year', 'relative'],
      ["next year's first quarter", 'relative'],
    ]);
  });

  it('finds a season the text is in, a clock time on its own and what "recent" or "year-earlier" dates', () => {
    expect(found('Over the summer rivals cut prices; in the fall of the old mill nobody came.')).toEqual([
      ['Over the summer', 'relative'],
    ]);
    expect(found('Two men entered the Orvel shop around 7:15 p.m. and left.')).toEqual([
      ['around 7:15 p.m.', 'relative'],
    ]);
    expect(
      found('After the recent rulings, profit fell from year-earlier profit, as in recent years.'),
    ).toEqual([
      ['recent', 'relative'],
      ['year-earlier', 'relative'],
      ['in recent years', 'relative'],
    ]);
    expect(found('Current conditions will soon change, as soon as possible.')).toEqual([]);
  });

  it('takes "previously" only as the opener of a sentence', () => {
    expect(found('Previously, the deal previously announced was small.')).toEqual([
      ['Previously', 'relative'],
    ]);
  });

  it('takes a holiday only as a capitalised word of its own', () => {
    expect(found('The eastern plant of Eastman Corp. shut for christmas, and again at Easter.')).toEqual([
      ['Easter', 'date'],
    ]);
  });
});
