//! Longer subjects of a reporting verb: a name or role qualified by a place or an organisation
//! (`Sheriff Ana Ruiz of Kern County`, `an ICE spokesman in Denver`, `a spokesman for the state
//! DMV`), joint subjects (`Ruiz and Commissioner Lee said`: the first named speaks), possessive
//! subjects (`the sheriff's office`, `Ortega's office` for Ortega) and named groups
//! (`Justice Department officials`, `Portland police`, `advocates for immigrants`).

use super::*;

/// Lower-case nouns for people that speak when introduced by `a`/`an`/`one` (`a nurse said`)
/// though they are not titles stripped from names.
#[rustfmt::skip]
const PERSON_NOUNS: &[&str] = &[
    "organizer", "nurse", "waitress", "waiter", "neighbor", "resident", "worker", "volunteer", "pastor", "priest",
    "teacher", "student", "parent", "mother", "father", "witness", "advocate", "activist", "attorney", "doctor",
    "farmer", "owner", "employee", "member", "researcher", "analyst", "expert", "colleague", "relative", "prosecutor",
    "defender", "physician", "economist", "historian", "criminologist", "deputy", "trooper", "delegate",
    "legislator", "lawmaker", "candidate", "consultant", "aide", "staffer", "strategist", "veteran", "coordinator",
];

/// Plural nouns naming a group of people or an institution's staff (`officials`, `police`).
#[rustfmt::skip]
const GROUP_NOUNS: &[&str] = &[
    "officials", "police", "lawyers", "attorneys", "organizers", "advocates", "supporters", "opponents", "critics",
    "prosecutors", "plaintiffs", "defendants", "investigators", "researchers", "officers", "agents", "leaders",
    "activists", "residents", "commissioners", "supervisors", "councilors", "lawmakers", "legislators", "monitors",
    "authorities", "administrators", "spokespeople", "volunteers", "inspectors", "analysts", "experts",
];

/// Group nouns that, bare (`Critics say`), stand for an anonymous crowd and not a source.
const VAGUE_GROUPS: &[&str] = &["critics", "experts", "residents", "supporters", "opponents", "advocates", "analysts"];

pub(super) fn is_person_noun(word: &str) -> bool {
    PERSON_NOUNS.contains(&word)
}

fn is_group_noun(word: &str) -> bool {
    GROUP_NOUNS.contains(&word.to_lowercase().as_str())
}

/// Every subject shape ending at token `last`, the plain ones first.
pub(super) fn subject_ending_at(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    qualified_person(p, last)
        .or_else(|| named_or_role_ending_at(p, last))
        .or_else(|| qualified_subject(p, last))
        .or_else(|| possessive_subject(p, last))
        .or_else(|| group_subject(p, last))
        .or_else(|| one_of_group(p, last))
}

/// `Sheriff Wes Harlan of Brackett County`, `an ICE spokesman in Denver`, `an organizer with a
/// Richmond immigrant rights group`: the subject left of the qualifier's preposition. A `for`
/// qualifier belongs to the role (`a spokesman for Abbott` speaks for Abbott, and is named so).
pub(super) fn qualified_subject(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    let mut j = last;
    for _ in 0..8 {
        let token = p.open_word(j)?;
        if matches!(token.text, "in" | "of" | "from" | "at" | "with" | "for") && j < last {
            let words_after = p.tokens.get(j + 1..=last).unwrap_or_default();
            let qualifier =
                token.text == "for" || words_after.iter().any(|t| is_capitalized(t.stem) || is_role_word(t));
            if !qualifier {
                return None;
            }
            let before = j.checked_sub(1)?;
            if let Some((subject, at)) = named_or_role_ending_at(p, before).or_else(|| group_subject(p, before)) {
                return Some((with_qualifier(p, subject, j, last), at));
            }
        }
        if matches!(token.text, "who" | "whose" | "which" | "that" | "and" | "or") {
            return None;
        }
        j = j.checked_sub(1)?;
    }
    None
}

/// `spokesman` + `for the Texas attorney general's office`: the role named with whom it speaks for.
fn with_qualifier(p: &Parsed, subject: Subject, preposition: usize, last: usize) -> Subject {
    let is_for = p.open_word(preposition).is_some_and(|t| t.text == "for");
    match subject {
        Subject::Introduced { phrase, head } if is_for => {
            let qualifier = p.span(preposition, last);
            Subject::Introduced { phrase: format!("{phrase} {qualifier}"), head }
        }
        // `the lawyer for Texas`: the same voice as `a lawyer for Texas` met earlier.
        Subject::Role(role) if is_for => {
            let qualifier = p.span(preposition, last);
            Subject::Introduced { phrase: format!("{role} {qualifier}"), head: role }
        }
        other => other,
    }
}

/// `the sheriff's office`, `Mexico's foreign ministry`, `ICE's Detroit field office`, `an attorney
/// general's spokeswoman`, `the county's lawyers`: a possessive and then the speaking role. A
/// person's office speaks for the person (`Pritzker's office` → Pritzker).
pub(super) fn possessive_subject(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    let head = p.open_word(last).filter(|t| !is_capitalized(t.stem) && !t.possessive)?;
    if !(is_role_word(head) || is_person_noun(head.text) || is_group_noun(head.text)) {
        return None;
    }
    let mut owner = last.checked_sub(1)?;
    while !p.open_word(owner)?.possessive {
        if last - owner > 3 || is_stopword(p.open_word(owner)?.stem) {
            return None;
        }
        owner = owner.checked_sub(1)?;
    }
    if let Some(chunk) = p.chunk_ending_at(owner).filter(|c| c.possessive) {
        let person = classify(&p.stems(chunk)).filter(|n| matches!(n, Name::Person { .. }));
        if let Some(person) = person.filter(|_| matches!(head.text, "office" | "campaign")) {
            return Some((Subject::Named(person), chunk.start));
        }
        return Some((phrase_subject(p, chunk.start, last, head.text), chunk.start));
    }
    let mut start = owner;
    while p.open_word(start.checked_sub(1)?).is_some_and(|t| is_role_word(t) || VAGUE_TITLES.contains(&t.text)) {
        start -= 1;
    }
    let article = p.open_word(start.checked_sub(1)?)?;
    (is_determiner(article.text) || is_indefinite(article.text))
        .then(|| (phrase_subject(p, start, last, head.text), start - 1))
}

fn phrase_subject(p: &Parsed, first: usize, last: usize, head: &str) -> Subject {
    Subject::Introduced { phrase: p.span(first, last), head: head.to_string() }
}

/// `Justice Department officials`, `Portland police`, `election officials`, `the plaintiffs`,
/// `advocates for immigrants`: a group named by who its members are. A bare generic plural
/// (`Critics say`, `experts say`) is an anonymous crowd, left to the narrator.
pub(super) fn group_subject(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    if let Some(found) = group_with_complement(p, last) {
        return Some(found);
    }
    let head = p.open_word(last).filter(|t| is_group_noun(t.text) && !t.possessive)?;
    let mut start = last;
    let mut specific = false;
    while let Some(token) = start.checked_sub(1).and_then(|i| p.open_word(i)) {
        let modifier = is_capitalized(token.stem) && !is_stopword(token.stem) && !token.possessive;
        if !modifier || last - start >= 4 {
            break;
        }
        specific |= !GENERIC_MODIFIERS.contains(&token.text.to_lowercase().as_str());
        start -= 1;
    }
    if start < last && !specific {
        return None;
    }
    let determiner = start.checked_sub(1).and_then(|i| p.open_word(i)).is_some_and(|t| is_determiner(t.text));
    let bare = start == last && !determiner;
    let vague = VAGUE_GROUPS.contains(&head.text.to_lowercase().as_str()) && start == last;
    if bare || vague || after_preposition(p, start) {
        return None;
    }
    let from = if determiner { start - 1 } else { start };
    Some((Subject::Group(p.span(start, last).to_lowercase_first()), from))
}

/// Words that, even capitalised at the start of a sentence, leave a group anonymous
/// (`State officials`, `Several residents`, `Church leaders`).
#[rustfmt::skip]
const GENERIC_MODIFIERS: &[&str] = &[
    "state", "city", "county", "local", "federal", "police", "school", "church", "university", "town", "village",
    "government", "administration", "immigration", "several", "some", "many", "other", "two", "three", "few",
    "former", "top", "senior", "campus", "hospital", "jail", "court", "health", "election", "border", "immigrant",
    "legal", "civil", "community", "business", "religious", "faith", "industry", "longtime",
];

/// `advocates for detained immigrants`, `supporters of the law`: a group and what it stands for.
fn group_with_complement(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    let mut j = last;
    while last - j < 5 {
        j = j.checked_sub(1)?;
        let token = p.open_word(j)?;
        if matches!(token.text, "for" | "of") {
            let start = j.checked_sub(1)?;
            p.open_word(start).filter(|t| is_group_noun(t.text))?;
            // The group opens its clause: nothing but `the`, `and` or `but` before it.
            if start.checked_sub(1).and_then(|i| p.tokens.get(i)).is_some_and(|t| t.kind == Kind::Word) {
                let prev = p.open_word(start - 1)?;
                if !(is_determiner(prev.text) || matches!(prev.text, "and" | "But" | "but")) {
                    return None;
                }
            }
            return Some((Subject::Group(p.span(start, last).to_lowercase_first()), start));
        }
        if is_stopword(token.stem) && !is_determiner(token.text) {
            return None;
        }
    }
    None
}

/// `Ruiz and fellow Commissioner Ann Lee said`, `Carmen Ochoa, who owns a bakery, and Jean
/// Alcide, a pastor, said`, `Mark and Jill Ochoa said`: a joint subject is credited to the
/// first-named person. `subject_end` is the last token before the verb.
pub(super) fn first_conjunct(p: &Parsed, subject_end: usize) -> Option<(Subject, usize)> {
    let mut j = subject_end;
    let mut plain_words = 0;
    let and = loop {
        let token = p.tokens.get(j)?;
        if token.quoted() || matches!(token.kind, Kind::Open | Kind::Close) || subject_end - j > 24 {
            return None;
        }
        if token.kind == Kind::Word && token.text == "and" {
            break j;
        }
        // The second conjunct is a name or a description (`and lawyers from two other firms`),
        // not someone's (`and her office`).
        let plain = token.kind == Kind::Word && !is_capitalized(token.stem) && !is_title(token.stem);
        plain_words = if token.kind == Kind::Punct { 0 } else { plain_words + usize::from(plain) };
        if plain_words > 12 || (token.kind == Kind::Word && matches!(token.text, "her" | "his" | "their" | "its")) {
            return None;
        }
        if token.kind == Kind::Punct && token.text != "," {
            return None;
        }
        j = j.checked_sub(1)?;
    };
    let left_end = and.checked_sub(1)?;
    let left = match p.tokens.get(left_end) {
        Some(t) if t.kind == Kind::Punct && t.text == "," => {
            appositive_name(p, left_end).or_else(|| appositive_subject(p, left_end))
        }
        _ => named_or_role_ending_at(p, left_end).or_else(|| qualified_subject(p, left_end)),
    };
    match left? {
        (Subject::Named(Name::Person { words, titles }), at) => match shared_surname(p, &words, and) {
            Some(surname) => Some((Subject::Couple { first: words.concat(), surname }, at)),
            None => Some((Subject::Named(Name::Person { words, titles }), at)),
        },
        _ => None,
    }
}

/// `Mark and Jill Ochoa`: the surname a lone word before `and` may share with the next person.
fn shared_surname(p: &Parsed, words: &[String], and: usize) -> Option<String> {
    let next = p.chunk_starting_at(and + 1).filter(|c| !c.possessive && c.end - c.start == 2)?;
    match (words, classify(&p.stems(next))?) {
        ([_], Name::Person { words, titles }) if titles.is_empty() => words.last().cloned(),
        _ => None,
    }
}

trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for String {
    /// `Advocates for immigrants` → `advocates for immigrants`; `Portland police` stays.
    fn to_lowercase_first(&self) -> String {
        let first = self.split_whitespace().next().unwrap_or_default();
        if is_group_noun(first) {
            let mut chars = self.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
        } else {
            self.clone()
        }
    }
}

/// `Sheriff Owen Blaylock of neighboring Tobin County`: a person before a place is the subject,
/// even where the place alone would read as an organisation.
fn qualified_person(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    let found = qualified_subject(p, last)?;
    matches!(found.0, Subject::Named(Name::Person { .. }) | Subject::Introduced { .. }).then_some(found)
}

/// `the statement said`, `the first post said`: a statement speaks for whoever made it, the
/// speaker before it.
pub(super) fn medium_subject(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    p.open_word(last).filter(|t| MEDIUMS.contains(&t.text))?;
    let mut j = last.checked_sub(1)?;
    if p.open_word(j).is_some_and(|t| matches!(t.text, "first" | "joint" | "written" | "second" | "later")) {
        j = j.checked_sub(1)?;
    }
    p.open_word(j).filter(|t| is_determiner(t.text))?;
    Some((Subject::Previous, j))
}

/// `Commissioners Roy Teague and Lorraine Sikes, who wrote ...`, `according to the company,
/// which said ...`: a relative pronoun as subject stands for the noun before its comma.
pub(super) fn antecedent_of_relative(p: &Parsed, pronoun: usize) -> Option<(Subject, usize)> {
    p.open_word(pronoun).filter(|t| matches!(t.text, "who" | "which"))?;
    let comma = pronoun.checked_sub(1)?;
    p.tokens.get(comma).filter(|t| t.kind == Kind::Punct && t.text == "," && !t.quoted())?;
    let last = comma.checked_sub(1)?;
    match first_conjunct(p, last).or_else(|| subject_ending_at(p, last)) {
        // `Marta Lindgren, the county attorney for Pine County, Colorado, which ...`: a place
        // closing an appositive is not the antecedent.
        Some((Subject::Named(Name::Place(_)), _)) => appositive_subject(p, comma),
        found => found,
    }
}

/// `One of the doctors said`: one member of a group, a new voice that `the doctor` finds again.
pub(super) fn one_of_group(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    let noun = p.open_word(last).filter(|t| !is_capitalized(t.text) && t.text.ends_with('s'))?;
    let the = p.open_word(last.checked_sub(1)?).filter(|t| is_determiner(t.text))?;
    let of = p.open_word(last.checked_sub(2)?).filter(|t| t.text == "of")?;
    let one_at = last.checked_sub(3)?;
    p.open_word(one_at).filter(|t| matches!(t.text, "one" | "One"))?;
    let phrase = format!("one {} {} {}", of.text, the.text.to_lowercase(), noun.text);
    let head = noun.text.trim_end_matches('s').to_string();
    Some((Subject::Introduced { phrase, head }, one_at))
}

/// `a waitress who asked that her name not be used said`, `A sheriff from eastern Oregon who had
/// endorsed the repeal said`: the noun before a relative clause that runs up to the verb.
pub(super) fn subject_of_relative_clause(p: &Parsed, last: usize) -> Option<(Subject, usize)> {
    let mut j = last;
    while last - j < 20 {
        j = j.checked_sub(1)?;
        let token = p.tokens.get(j)?;
        if token.kind != Kind::Word || token.quoted() {
            return None;
        }
        if matches!(token.text, "who" | "that") {
            let found = subject_ending_at(p, j.checked_sub(1)?);
            if let Some(found @ (Subject::Introduced { .. } | Subject::Named(_) | Subject::Group(_), _)) = found {
                return Some(found);
            }
        }
    }
    None
}
