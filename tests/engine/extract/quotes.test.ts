import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../src/engine/extract/analyze.ts';
import { parseDocument } from '../../../src/knowledge/document.ts';

/** Each quotation of the text (first words) with its speaker's name, null when unknown. */
function speakers(text: string): [string, string | null][] {
  const doc = parseDocument('t.md', new TextEncoder().encode(`---\ntitle: T\n---\n${text}`));
  const a = analyzeDocument(doc);
  return a.sentences.flatMap((s) =>
    s.quotes.map((q): [string, string | null] => [
      doc.body.slice(q.start, q.end).split(/\s+/).slice(0, 3).join(' '),
      a.entities[q.speaker]?.name ?? null,
    ]),
  );
}

describe('quote attribution', () => {
  it('takes the subject of the reporting verb, not the first name in the sentence', () => {
    expect(
      speakers(
        'Anna Reyes met Tom Vance on Monday.\n\n' +
          'In an interview with radio host Carl Dunne, Mr Vance said: "We will win this seat outright."',
      ),
    ).toEqual([['We will win', 'Tom Vance']]);
    expect(
      speakers(
        'Reminded that Peter Moss called him a coward, Liam Hart added: "I have heard far worse than that."',
      ),
    ).toEqual([['I have heard', 'Liam Hart']]);
  });

  it('reads "said X", "X said", an apposition, "according to X" and "X told Y"', () => {
    expect(
      speakers(
        '"The budget is a disgrace," said Maria Lopez. "It will not pass," Lopez said. ' +
          'Van Olsen, associate professor at the Pacific Institute for Studies, said "the talks are over for now". ' +
          'Tom Reed told Sara Field: "You have my vote on this one."',
      ),
    ).toEqual([
      ['The budget is', 'Maria Lopez'],
      ['It will not', 'Maria Lopez'],
      ['the talks are', 'Van Olsen'],
      ['You have my', 'Tom Reed'],
    ]);
    expect(speakers('"The plant will close by the spring," according to Dana Whitfield.')).toEqual([
      ['The plant will', 'Dana Whitfield'],
    ]);
  });

  it('takes the person right after a verb that follows the quotation, whatever comes after the name', () => {
    expect(
      speakers(
        '"We would like a vote this year," said Sen. Ada Brill of Vermont. ' +
          '"It was a long shot from the start," said Owen Marsh of the Institute for Law Studies, ' +
          'who teaches there. "The figures are in," said Rep. Lena Ortiz at a briefing.',
      ),
    ).toEqual([
      ['We would like', 'Ada Brill'],
      ['It was a', 'Owen Marsh'],
      ['The figures are', 'Lena Ortiz'],
    ]);
  });

  it('reads a role between the verb and the person, and prefers the person to the organization in it', () => {
    expect(
      speakers(
        '"The plan works," said Pentagon spokesman Navy Capt. Hal Dorn. ' +
          '"We were looking for signs," said Dr. Ivo Varga, the former director. ' +
          '"Nobody saw it coming," said retired surgeon Bea Klein, asked about the vote.',
      ),
    ).toEqual([
      ['The plan works,', 'Hal Dorn'],
      ['We were looking', 'Ivo Varga'],
      ['Nobody saw it', 'Bea Klein'],
    ]);
  });

  it('keeps the subject before the verb when a name follows it in an adverbial', () => {
    expect(
      speakers(
        '"This is an organized effort," Jon Bass said in an interview with radio host Hal Hewes. ' +
          '"It reminds us of this," Sen. Mia Rook (R-Fla.) said Saturday night at the debate. ' +
          '"He can assert it" that Bass can win, said Ned Elm, a strategist.',
      ),
    ).toEqual([
      ['This is an', 'Jon Bass'],
      ['It reminds us', 'Mia Rook'],
      ['He can assert', 'Ned Elm'],
    ]);
  });

  it("gives a second quotation of the sentence the first one's speaker, never the organization in a role", () => {
    expect(
      speakers(
        'Acme Corp spokeswoman Rita Vale said in a statement that Acme "has a long record of safety" and has ' +
          '"made large gifts to local causes over the years."',
      ),
    ).toEqual([
      ['has a long', 'Rita Vale'],
      ['made large gifts', 'Rita Vale'],
    ]);
  });

  it('takes a surname opening a sentence as the subject, and a party word before a full name as a role', () => {
    expect(
      speakers(
        'Mona Reyes spoke first.\n\nDorsey openly admitted that the pick was political. ' +
          '"With an eye to the vote, yes," he said.\n\n' +
          'Republican Ada Lynn Brill told reporters she would vote no. "I am ashamed of it," she said.',
      ),
    ).toEqual([
      ['With an eye', 'Dorsey'],
      ['I am ashamed', 'Ada Lynn Brill'],
    ]);
  });

  it('reads "she" and "he" by what the text tells of gender, even when another person was named last', () => {
    expect(
      speakers(
        'Mrs. Ada Brill met Mr. Tom Vance on Monday.\n\n' +
          'Vance spoke first. "We will vote no," she said.\n\n' +
          'Ruth Hale said she would wait. Mr. Tom Reed left.\n\nReed nodded. "Nor am I," she added.\n\n' +
          'Reed smiled. "Fine," he said.',
      ),
    ).toEqual([
      ['We will vote', 'Ada Brill'],
      ['Nor am I,', 'Ruth Hale'],
      ['Fine,', 'Tom Reed'],
    ]);
  });

  it('reads a quotation signed after a dash, and "Said X:" opening a sentence', () => {
    expect(
      speakers(
        '“We are tired of the noise.” ― Ana Ruiz “Nobody asked us what we think.” ― Ben Ortega\n\n' +
          'Lou Dorsey left. Said Dorsey: “I do not buy it at all.”\n\n' +
          'Ned Elm said the plan was "still the best one we have."--Tim Rowe.',
      ),
    ).toEqual([
      ['We are tired', 'Ana Ruiz'],
      ['Nobody asked us', 'Ben Ortega'],
      ['I do not', 'Lou Dorsey'],
      ['still the best', 'Ned Elm'],
    ]);
  });

  it('reads a signature whose abbreviated title follows the dash directly ("—Sen. X")', () => {
    expect(
      speakers(
        'Tom Vale spoke first.\n\n"We will not give up the harbour without a fight."—Sen. Ada Morrow (D-Ore.)',
      ),
    ).toEqual([['We will not', 'Ada Morrow']]);
  });

  it('pairs a curly opening mark with a straight closing one, as typed', () => {
    expect(
      speakers(
        'Erin Vale spoke.\n\n“It is so shameful that you ignored my call," Vale said. “Next time, listen.”',
      ),
    ).toEqual([
      ['It is so', 'Erin Vale'],
      ['Next time, listen.', 'Erin Vale'],
    ]);
  });

  it('takes a surname used before a noun ("the Vale campaign") and a name ending like an adjective for the person', () => {
    expect(
      speakers(
        'Erin Vale is running.\n\nThe Vale campaign dismissed it. Vale has since apologized: "I should have asked."\n\n' +
          'Estrosi told a television channel that "the driver fired on the crowd."',
      ),
    ).toEqual([
      ['I should have', 'Erin Vale'],
      ['the driver fired', 'Estrosi'],
    ]);
  });

  it("does not take the next sentence's speaker for a quotation that ends its own", () => {
    expect(
      speakers(
        'Sen. Ann Lee refused, responding that she is “not going into what my campaign is doing.” ' +
          'And Sen. Rob Hart, another incumbent, said he had not thought about it.\n\n' +
          'Asked about Hart, Mrs. Vera Moss said "I know nothing about Rob Hart," she said.\n\n' +
          '"Nothing changes," Jon Bell of the Acme Policy Center for Studies wrote in March.\n\n' +
          'Bell left early, Ned Elm said, adding, "He was not well."',
      ),
    ).toEqual([
      ['not going into', 'Ann Lee'],
      ['I know nothing', 'Vera Moss'],
      ['Nothing changes,', 'Jon Bell'],
      ['He was not', 'Ned Elm'],
    ]);
  });

  it('reads first names ending like adjectives as names, and "X shot back" after a quotation with a comma', () => {
    expect(
      speakers(
        'The lawyer, Alan Garten, said Bo Nunez was "looking for free publicity."\n\n' +
          'Ed Bennett joined. "They are all here for the free stuff," Bennett shot back with a laugh.\n\n' +
          'Clara Voss wrote to Ann Mills. “Why now? Why that day?” Mills then writes back, “You look cute.”\n\n' +
          '“What changed?” Mills wondered. "The economy," Vance wrote, "is weak."',
      ),
    ).toEqual([
      ['looking for free', 'Alan Garten'],
      ['They are all', 'Ed Bennett'],
      ['Why now? Why', 'Clara Voss'],
      ['You look cute.', 'Ann Mills'],
      ['What changed?', 'Ann Mills'],
      ['The economy,', 'Vance'],
      ['is weak.', 'Vance'],
    ]);
  });

  it("takes the main clause's subject, not an opening subordinate clause's, and a subject opening the sentence before", () => {
    expect(
      speakers(
        'Ann Lee and Bo Vale debated.\n\nWhile Lee pledged to work with both parties, Vale insisted on a shake-up. ' +
          '"Nothing real will happen unless we have a revolution," he said.\n\n' +
          'Mona Reyes touted her record. "We need to find ways to support workers who want a union."\n\n' +
          'Dover State University\'s Ida Rosca agreed. "Time is running out for an alternative."',
      ),
    ).toEqual([
      ['Nothing real will', 'Bo Vale'],
      ['We need to', 'Mona Reyes'],
      ['Time is running', 'Ida Rosca'],
    ]);
  });

  it('reads a participle opening a sentence with the verb before it, and a participle only after its own subject', () => {
    expect(
      speakers(
        'Ned Elm stated that the report "was not good." Adding, "Like all scandals, it is how they handle it."\n\n' +
          'Later, Ada Brill shared a list on her Lumen page, writing "Allow me to do the research for you."\n\n' +
          'In an interview with a Los Angeles station, Vera Moss expressed doubt that it was "going to matter at all."',
      ),
    ).toEqual([
      ['was not good.', 'Ned Elm'],
      ['Like all scandals,', 'Ned Elm'],
      ['Allow me to', 'Ada Brill'],
      ['going to matter', 'Vera Moss'],
    ]);
  });

  it('inverts any reporting verb after a quotation, and gives a verb joined by "and" the sentence\'s subject', () => {
    expect(
      speakers(
        'Ann Tant spoke first. "Losing is hard. But we came a long way," tweeted Mike Nellis, an aide.\n\n' +
          'In an interview with reporter Ida Rosca, Bo Lazar said he welcomed it and added, "I will plead guilty."',
      ),
    ).toEqual([
      ['Losing is hard.', 'Mike Nellis'],
      ['I will plead', 'Bo Lazar'],
    ]);
  });

  it('reads a quotation between dashes with the verb before it, and an object after a preposition and a role', () => {
    expect(
      speakers(
        'Jon Kade ran.\n\nAfter a meeting in Dover, Kade boasted to reporters of his team - "the best in the state" - ' +
          "and stressed the state's importance.\n\n" +
          'Frustrated, Ann Vale said she "cannot walk down the street" without reporters asking her to attack Bo Reyes.',
      ),
    ).toEqual([
      ['the best in', 'Jon Kade'],
      ['cannot walk down', 'Ann Vale'],
    ]);
  });

  it('carries the speaker into a continuation paragraph and after an introducing colon', () => {
    expect(
      speakers(
        'Senator Ruth Hale spoke first. "We need the votes," she said.\n\n' +
          '"And we need them before the recess ends."\n\n' +
          'Governor Ben Ortiz replied:\n\n' +
          '“Nobody in this state wants another delay.\n\n' +
          '“Least of all the farmers who lost their crops.”',
      ),
    ).toEqual([
      ['We need the', 'Ruth Hale'],
      ['And we need', 'Ruth Hale'],
      ['Nobody in this', 'Ben Ortiz'],
      ['Least of all', 'Ben Ortiz'],
    ]);
  });

  it('pairs the marks of merged paragraphs, each continued paragraph opening a quotation it does not close', () => {
    expect(
      speakers(
        '"The pitch was heavy," Falcons coach Owen Pryce told Radio North. "We never found our rhythm." ' +
          'The side has lost three in a row.\n\n' +
          '"They are both good kickers. Tom is steady every week. "But the pressure is another thing." ' +
          'Pryce also blamed the schedule. "We had four days of rest," he said. ' +
          '"Nobody can defend like that for eighty minutes." Meanwhile, former winger Dai Moss disagreed.\n\n' +
          '"The squad is young," Moss told the paper. "Give them a season."',
      ),
    ).toEqual([
      ['The pitch was', 'Owen Pryce'],
      ['We never found', 'Owen Pryce'],
      ['They are both', 'Owen Pryce'],
      ['But the pressure', 'Owen Pryce'],
      ['We had four', 'Owen Pryce'],
      ['Nobody can defend', 'Owen Pryce'],
      ['The squad is', 'Dai Moss'],
      ['Give them a', 'Dai Moss'],
    ]);
  });

  it('gives a relayed quotation to the one quoted, not to the writer or the paper that relays it, and a passive one to its agent', () => {
    expect(
      speakers(
        'Party leader Tom Hale met Ann Weir at the party office. ' +
          '"You will not have my job," Mr Hale told Ms Weir, writes Dan Ross.\n\n' +
          '"We are cutting costs everywhere," the newspaper quoted Zeta Air chief executive Ivo Brandt as saying.\n\n' +
          'Mayor Tom Hale was asked by radio host Ada Brenner, who backs him, "Will you run again next year?"',
      ),
    ).toEqual([
      ['You will not', 'Tom Hale'],
      ['We are cutting', 'Ivo Brandt'],
      ['Will you run', 'Ada Brenner'],
    ]);
  });

  it('reads a dash apposition and a comma between role and name', () => {
    expect(
      speakers(
        '"Hustlers did this on the street," Olek Varga - then an adviser to President Ida Lind - told a press conference.\n\n' +
          '"Orders have slowed," said Norvik Bank chief economist, Rhys Corbin.',
      ),
    ).toEqual([
      ['Hustlers did this', 'Olek Varga'],
      ['Orders have slowed,', 'Rhys Corbin'],
    ]);
  });

  it('gives a quotation after a newly introduced person who reports something to that person, not the last speaker', () => {
    expect(
      speakers(
        'The trust in politics fell, Ann Ward said. "People stopped listening," she added. ' +
          'Party spokesman Carl Moss said the war had hurt trust badly. "War and peace damage credibility." ' +
          'Rita Hale, who won her seat on a clean platform, said politicians misjudged themselves. ' +
          '"We need people we trust."\n\n' +
          'Coach Bob Vance arrived later. "It was a long night," he said.',
      ),
    ).toEqual([
      ['People stopped listening,', 'Ann Ward'],
      ['War and peace', 'Carl Moss'],
      ['We need people', 'Rita Hale'],
      ['It was a', 'Bob Vance'],
    ]);
  });

  it('does not give a quotation that ends its sentence to a name that reports words of its own after it', () => {
    expect(
      speakers(
        'Mr Tom Vale said the issue was hard. "We have no plans to change the limit." ' +
          'Mr Kent said he had voted for a shorter limit.',
      ),
    ).toEqual([['We have no', 'Tom Vale']]);
  });

  it('never makes an organization "she", and leaves an unnamed spokesman unnamed', () => {
    expect(
      speakers(
        'Acme Corp launched the phone on Monday. "It is our best device yet," she said.\n\n' +
          'Zeta Telecom lost customers again. "We regret the outage," a spokesman said.',
      ),
    ).toEqual([
      ['It is our', null],
      ['We regret the', null],
    ]);
  });

  it('gives a role that speaks to whoever holds it in the document, or shows the role when nobody named does', () => {
    expect(
      speakers(
        'Prime Minister Tom Hale toured the plant. Later the prime minister told reporters: "We will build more."\n\n' +
          'Zeta Telecom, the former monopoly, lost customers again. "We regret it," the former monopoly said.\n\n' +
          '"The network is safe," said a Norvik Bank spokesman. "Nobody lost money," a spokesman said.',
      ),
    ).toEqual([
      ['We will build', 'Tom Hale'],
      ['We regret it,', 'Zeta Telecom'],
      ['The network is', 'Norvik Bank spokesman'],
      ['Nobody lost money,', null],
    ]);
  });

  it('gives a kind of organization the text names with its noun to that one, else to nobody, not the company in focus', () => {
    expect(
      speakers(
        'Acme Steel Group cut 500 jobs on Monday. "This is a dark day for the town," the union said.\n\n' +
          'Norvik Bank raised its rates. "Savers will gain," the newspaper wrote.',
      ),
    ).toEqual([
      ['This is a', null],
      ['Savers will gain,', null],
    ]);
    expect(
      speakers(
        'The Metal Workers Union called a strike at Acme Steel Group. "We have no choice," the union said.',
      ),
    ).toEqual([['We have no', 'Metal Workers Union']]);
  });

  it('keeps a partial quote its reporting phrase attributes, and drops a scare quote', () => {
    expect(
      speakers(
        'Mayor Tom Reyes called the plan "a disgrace". Hackers used infected "bot" computers and so-called "bot nets".',
      ),
    ).toEqual([['a disgrace', 'Tom Reyes']]);
  });

  it('reads less common reporting verbs before their subject ("agrees X", "exhorted X")', () => {
    expect(
      speakers(
        '"The town is safe," says Ana Ruiz, 21, a student. "Our ideas are different," agrees Lena Park, 30, of Dover. ' +
          '"It is time we had a mayor who listens," exhorted teacher Rosa Pinto.',
      ),
    ).toEqual([
      ['The town is', 'Ana Ruiz'],
      ['Our ideas are', 'Lena Park'],
      ['It is time', 'Rosa Pinto'],
    ]);
  });

  it('gives a quotation after a colon to the subject, not to the person a preposition governs', () => {
    expect(
      speakers(
        'Senate leader Ivo Marsh delivered a blunt message to Dale Brook: "It is time to quit the attacks."',
      ),
    ).toEqual([['It is time', 'Ivo Marsh']]);
    expect(speakers('Ivo Marsh and Dale Brook: "We found that voters care about courage."')).toEqual([
      ['We found that', 'Dale Brook'],
    ]);
  });

  it('gives a paragraph of quotations to the person a dash signs in the next paragraph', () => {
    expect(
      speakers(
        'Ann Vale and Tom Reed met in a debate on Tuesday.\n\n"Taxes on the middle class have gone up every year."\n\n' +
          '- Tom Reed.\n\nThe figures say otherwise.\n\n"I will look into it. I do not know the status."\n\n' +
          '—President Ann Vale, answering a question.\n\n"Nobody here wants that bridge."\n\n- Dale Brook won the vote.',
      ),
    ).toEqual([
      ['Taxes on the', 'Tom Reed'],
      ['I will look', 'Ann Vale'],
      ['Nobody here wants', null],
    ]);
  });

  it('gives "he said" to nobody after a sentence whose subject is a one-word name of unknown kind', () => {
    expect(
      speakers(
        'Tom Vance spoke first. "We will win this seat," he said.\n\n' +
          'Kessler defied the question and made no choice. "I will predict nothing today," he said.\n\n' +
          'Vance smiled. "That is an answer," he said.',
      ),
    ).toEqual([
      ['We will win', 'Tom Vance'],
      ['I will predict', null],
      ['That is an', 'Tom Vance'],
    ]);
  });

  it('gives the quotation after "X issued the following statement:" to X, not to a person the statement names', () => {
    expect(
      speakers(
        'After the flood, Governor Ana Ruiz issued the following statement:\n\n' +
          '"Our thoughts are with every family in the valley. We will rebuild."\n\n' +
          'When Tom Vance died, the council of Dover released a statement:\n\n"He served the town for forty years."',
      ),
    ).toEqual([
      ['Our thoughts are', 'Ana Ruiz'],
      ['He served the', null],
    ]);
  });

  it('gives a quotation after "and X says" to X, who opens a clause of their own', () => {
    expect(
      speakers(
        'Tom Vance accuses the mayor of "leading from behind on every vote" and Ana Ruiz says he is "losing the town."',
      ),
    ).toEqual([
      ['leading from behind', 'Tom Vance'],
      ['losing the town.', 'Ana Ruiz'],
    ]);
  });

  it('looks for the speaker in the main clause, past an opening "When X ...," or "After X ...,"', () => {
    expect(
      speakers(
        'When Tom Vance suggested that Zeta would sue, Ann Rubin fired back: "If they sue us in a court, they will lose." ' +
          'After former Gov. Carl Moss criticized Tom Vance in a debate, Mona Reyes shot back, "I could have stayed home and baked." ' +
          'In June, after Tom Vance fell ill, Dan Axel wrote to him, telling him, "you are an all-star player and we need you."',
      ),
    ).toEqual([
      ['If they sue', 'Ann Rubin'],
      ['I could have', 'Mona Reyes'],
      ['you are an', 'Dan Axel'],
    ]);
  });

  it('reads "said secretary of state X": a role with its "of" phrase before the name, not "the wife of X"', () => {
    expect(
      speakers(
        '"The first line of defense is the community," said former secretary of state Ann Lee, who praised Tom Bush. ' +
          '"Thanks, Dover, for welcoming these families," said master of ceremonies Eli Nadar, an engineer. ' +
          '"He was a good and decent man," said the wife of former senator Tom Hale.',
      ),
    ).toEqual([
      ['The first line', 'Ann Lee'],
      ['Thanks, Dover, for', 'Eli Nadar'],
      ['He was a', null],
    ]);
  });

  it('gives a quotation the verb of a later quotation of its sentence when nothing reports between them', () => {
    expect(
      speakers(
        'Floods are "the worst regional water crisis" and "ruin the lives of farmers," Ann Lee, the former mayor, told the council. ' +
          'Mark Gill said the calls would not matter. Giving was "flat for about a month or six weeks" as donors waited ' +
          'to see how a "turbulent election cycle" played out, he said. ' +
          'Ann Lee called the plan "a disgrace to the whole town" and Tom Vance said "it will pass in the end."',
      ),
    ).toEqual([
      ['the worst regional', 'Ann Lee'],
      ['ruin the lives', 'Ann Lee'],
      ['flat for about', 'Mark Gill'],
      ['turbulent election cycle', 'Mark Gill'],
      ['a disgrace to', 'Ann Lee'],
      ['it will pass', 'Tom Vance'],
    ]);
  });

  it('keeps a name whole when its accents are decomposed or its UTF-8 was mis-decoded ("FranÃ§ois")', () => {
    expect(
      speakers(
        'In an address, President Fran\u00c3\u00a7ois Hollet condemned the "attack nobody can deny was planned." ' +
          '"We will win the whole thing," said Jose\u0301 Marti\u0301nez.',
      ),
    ).toEqual([
      ['attack nobody can', 'Fran\u00c3\u00a7ois Hollet'],
      ['We will win', 'Jose\u0301 Marti\u0301nez'],
    ]);
  });

  it('keeps a curly quotation inside a curly quotation part of it', () => {
    expect(
      speakers(
        '“Tom Hart’s claim that a deal “has to do with whether Zeta is willing to give things up” shows he has no clue,” ' +
          'wrote Ada Klein, president of the Zeta Friends League.',
      ),
    ).toEqual([['Tom Hart’s claim', 'Ada Klein']]);
  });

  it('reads a name with its role or apposition after a quotation that ends its sentence, not a sentence of its own', () => {
    expect(
      speakers(
        '"Will Ann Vale ever open the port accounts? If not she should step aside!" the party nominee, Tom Hart, ' +
          'tweeted Sunday. ' +
          '"Where do we find the money?" Will Estrada, the treasurer for the league, said of the plan. ' +
          'Dan Rubin wrote to them: "We need the trucks before Friday." Steve Adler, its owner, said the firm had ' +
          'yet to reply.',
      ),
    ).toEqual([
      ['Will Ann Vale', 'Tom Hart'],
      ['Where do we', 'Will Estrada'],
      ['We need the', 'Dan Rubin'],
    ]);
  });

  it('goes past an "according to" that names nobody to the verb before it', () => {
    expect(
      speakers(
        'Win Hlaing, a member of the committee, said Tuesday that according to its count, the party had won most ' +
          'seats, but "we are still counting the votes."',
      ),
    ).toEqual([['we are still', 'Win Hlaing']]);
  });

  it('gives a participle the subject before an earlier quotation of its sentence, or its own ("with X noting")', () => {
    expect(
      speakers(
        'Tom Hart has written in praise of “Zeta thrift,” saying the town showed the “patience, craft and courage of ' +
          'the valley.” Both Ann Bolt and Dan Gork took it as a sign of panic, with Gork noting the folly of ' +
          'sending “three vans north, two vans south” around the lake. Ada Lin answered a reader on ' +
          'Zeta Online writing, “Yes, I did. That was a clumsy remark.”',
      ),
    ).toEqual([
      ['Zeta thrift,', null],
      ['patience, craft and', 'Tom Hart'],
      ['three vans north,', 'Dan Gork'],
      ['Yes, I did.', 'Ada Lin'],
    ]);
  });

  it('falls back on the subject of the clause or main clause that holds the quotation', () => {
    expect(
      speakers(
        'Gov. Bob Jindo on Monday signed an order to close them, while Mike Huckley, the former governor, proposed ' +
          'we "open the gates and count the sheep" and said more. ' +
          'Acknowledging that Tom Hart “talks far too much at meetings,” though, Tim Allan did suggest that patience helps. ' +
          'Like Tara Makeff, the former tenant, Marv Roff does not want to deal with Hart again. ' +
          '"I am 81, and I have no wish to sit through another winter of it," he said. ' +
          'Dan McCole says that voters want a plan, but instead Tom Hart is giving them “slogans, delays, and ' +
          'promises to revisit the budget.”',
      ),
    ).toEqual([
      ['open the gates', 'Mike Huckley'],
      ['talks far too', 'Tim Allan'],
      ['I am 81,', 'Marv Roff'],
      ['slogans, delays, and', 'Dan McCole'],
    ]);
  });

  it('reads "as X pointed out" as a reporting verb, and no "According to X," as an opening clause', () => {
    expect(
      speakers(
        'But as The Ledger pointed out, "Still, Hart has so far refused to publish the audit." ' +
          'According to Zeta Courier, one shop sign read, “Smile at the baker, but always count your change.”',
      ),
    ).toEqual([
      ['Still, Hart has', 'Ledger'],
      ['Smile at the', 'Zeta Courier'],
    ]);
  });

  it('makes a one-word name a person when the text has it speak as people do ("Vance stated")', () => {
    expect(
      speakers(
        'Reporters asked about Vance on Monday. Vance also addressed the concerns on Thursday.\n\n' +
          '"We take seriously our duty to monitor the vote," he added.\n\n' +
          '"If we see signs of it, we inform the local authorities," Vance stated.',
      ),
    ).toEqual([
      ['We take seriously', 'Vance'],
      ['If we see', 'Vance'],
    ]);
  });

  it('leaves the subject a pronoun stands for as it is across a sentence in parentheses', () => {
    expect(
      speakers(
        'Ann Lee signed a deal with Zeta in 2012, granting the company rights to her recipes. ' +
          '(Mark Fisk Foods bottles her sauces.)\n\n' +
          'At the time, she released a statement saying, "Zeta has shown itself a careful keeper of family recipes."',
      ),
    ).toEqual([['Zeta has shown', 'Ann Lee']]);
  });

  it('gives a quotation to the person the next sentence names as its source ("That quote from X")', () => {
    expect(
      speakers(
        '"I would rather have a sister in jail than a brother in the bureau." That quote from Zeta Securities ' +
          'Commissioner Tom Krebb appeared on the front page in 1980.',
      ),
    ).toEqual([['I would rather', 'Tom Krebb']]);
    expect(speakers('"The bureau will not change its ways at all." The paper ran it on Monday.')).toEqual([
      ['The bureau will', null],
    ]);
  });

  it('gives a first name joined to a full name ("Omar and Lena Vasko") that surname, not another Omar', () => {
    expect(
      speakers(
        'Omar Eisen spoke first.\n\n' +
          'Ida Brann\'s biographers, Omar and Lena Vasko, wrote that Brann "had a quick temper, was proud and often wrong."',
      ),
    ).toEqual([['had a quick', 'Omar Vasko']]);
  });

  it('takes no person from a headline in title case unless the body names them too', () => {
    expect(
      speakers(
        'Councillors Finally Approved A Harbour Tax. Is This The Last One?\n\n' +
          'The council approved the tax after the vote was finally held.\n\n' +
          '"It would ruin every fishing family in the county," he said.',
      ),
    ).toEqual([['It would ruin', null]]);
    expect(
      speakers(
        'Dal Takes Harbour Fight To The Voters\n\nThe council approved the tax. Dal takes the fight on.\n\n' +
          '"It would ruin every fishing family in the county," he said.',
      ),
    ).toEqual([['It would ruin', null]]);
    expect(
      speakers(
        'Ivo Dal Takes Harbour Fight To The Voters\n\nIvo Dal takes the fight on.\n\n' +
          '"It would ruin every fishing family in the county," he said.',
      ),
    ).toEqual([['It would ruin', 'Ivo Dal']]);
  });

  it('takes a name after "the" for no person ("reported by the Harlow Sentinel")', () => {
    expect(
      speakers(
        'The tax was first reported by the Harlow Sentinel.\n\n' +
          '"It would ruin every fishing family in the county," he said.',
      ),
    ).toEqual([['It would ruin', null]]);
    expect(
      speakers('The Ann Lee campaign met on Monday. "We will carry every ward in the city," she said.'),
    ).toEqual([['We will carry', 'Ann Lee']]);
  });

  it('gives a quotation between a possessive and a noun of something said to its owner', () => {
    expect(
      speakers(
        'Ana Vasko ran the county for a decade. Farmers have resisted the levy since. It is the lasting echo ' +
          'of Vasko\'s "no new tax on a single acre" pledge: many of them still hold her to it.',
      ),
    ).toEqual([['no new tax', 'Ana Vasko']]);
    expect(
      speakers(
        'Ivo Dal met the farmers. They praised Dal\'s "safer roads for every village" plan at length.',
      ),
    ).toEqual([['safer roads for', null]]);
  });

  it('gives a quotation "according to" a document to whoever wrote it', () => {
    expect(
      speakers(
        '"The harbour board kept no record of the payments it made to contractors," according to a court ' +
          'filing by county prosecutor Lena Ortiz.',
      ),
    ).toEqual([['The harbour board', 'Lena Ortiz']]);
    expect(
      speakers(
        '"The levy will be dropped before the winter session begins," according to an email from Ada Brill.',
      ),
    ).toEqual([['The levy will', 'Ada Brill']]);
  });

  it('leaves the speaker unknown when nothing names one', () => {
    expect(speakers('"The river rose two metres in a single night and nobody was warned."')).toEqual([
      ['The river rose', null],
    ]);
  });
});
