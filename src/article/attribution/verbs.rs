//! Reporting verbs: the general English list of verbs that report speech or writing in news
//! copy (`said`, `argued`, `praised`, `pointed to`, `shot back`), in past and present tense.

use super::*;

/// Verbs that report speech whatever follows them (`"...," she said.`); the others need words
/// after them, since `Dempsey disagreed sharply.` reports a position, not a statement.
const BARE_VERBS: &[&str] = &["said", "says", "say", "added", "adds", "wrote", "writes", "asked", "asks", "replied"];

/// Verbs that introduce speech when their subject is a name, pronoun or role, in base forms:
/// past tense and third-person present are derived (`argue` → `argued`, `argues`).
#[rustfmt::skip]
const REPORTING_STEMS: &[&str] = &[
    "add", "argue", "claim", "warn", "vow", "insist", "accuse", "call", "state", "note", "declare", "tweet",
    "counter", "explain", "ask", "reply", "respond", "acknowledge", "admit", "announce", "contend", "maintain",
    "stress", "emphasize", "predict", "testify", "suggest", "urge", "concede", "allege", "complain", "post",
    "praise", "criticize", "agree", "disagree", "confirm", "report", "answer", "observe", "remark", "recall",
    "describe", "dispute", "reject", "question", "thank", "caution", "object", "protest", "demand",
    "promise", "pledge", "assure", "assert", "conclude", "estimate", "recount", "lament", "quip", "joke",
    "reiterate", "repeat", "interject", "interrupt", "wonder", "hail", "applaud", "condemn", "denounce", "decry",
    "welcome", "blame", "boast", "echo", "advise", "inform", "mention", "comment", "affirm", "recommend", "cite",
    "counsel", "concur", "retort", "scoff",
];

/// Irregular reporting verbs, every form listed.
#[rustfmt::skip]
const IRREGULAR: &[&str] = &["said", "says", "say", "wrote", "writes", "told", "tells"];

/// Verbs that report speech only with their particle: `pointed to`, `shot back`.
const PHRASAL: &[(&str, &str)] = &[
    ("pointed", "to"),
    ("points", "to"),
    ("pointed", "out"),
    ("points", "out"),
    ("shot", "back"),
    ("fired", "back"),
    ("fires", "back"),
    ("went", "on"),
];

/// Verbs that may precede their subject after a quotation (`"...," said Mayor Jane Doe`).
/// Transitive verbs like "told" are excluded: in `told Fox` the name is the listener.
#[rustfmt::skip]
pub(super) const INVERSION_VERBS: &[&str] = &[
    "said", "says", "added", "adds", "wrote", "writes", "asked", "asks", "argued", "warned", "noted", "countered",
    "explained", "insisted", "replied", "responded", "declared", "stated", "claimed", "tweeted", "stressed",
    "continued", "recalled", "answered", "observed", "remarked", "quipped", "explained", "cautioned", "shouted",
];

/// Participles after a comma that make the sentence's subject the speaker (`Lam fired back, saying ...`).
#[rustfmt::skip]
pub(super) const PARTICIPLES: &[&str] = &[
    "saying", "writing", "adding", "arguing", "telling", "calling", "warning", "noting", "insisting", "asking",
    "accusing", "describing", "praising", "urging", "explaining", "contending", "claiming", "declaring",
];

/// Whether `word` (a past or present form) is a reporting verb.
pub(super) fn is_reporting_form(word: &str) -> bool {
    IRREGULAR.contains(&word) || base_forms(word).any(|base| REPORTING_STEMS.contains(&base.as_str()))
}

/// Candidate base forms of an inflected verb: `argued` → `argue`, `praised` → `praise`,
/// `testified` → `testify`, `urges` → `urge`, `echoes` → `echo`.
fn base_forms(word: &str) -> impl Iterator<Item = String> + '_ {
    let ed = word.strip_suffix("ed");
    let s = word.strip_suffix('s');
    let candidates = [
        ed.map(str::to_string),
        word.strip_suffix('d').map(str::to_string),
        word.strip_suffix("ied").map(|w| format!("{w}y")),
        word.strip_suffix("ies").map(|w| format!("{w}y")),
        s.map(str::to_string),
        word.strip_suffix("es").map(str::to_string),
        // doubled final consonant: `quipped` → `quip`, `regretted` → `regret`.
        ed.filter(|w| w.len() > 2 && w.as_bytes()[w.len() - 1] == w.as_bytes()[w.len() - 2])
            .map(|w| w[..w.len() - 1].to_string()),
    ];
    candidates.into_iter().flatten()
}

/// The reporting verb at `i`, with the index of its last word (the particle of `pointed to`).
pub(super) fn reporting_verb_at(p: &Parsed, i: usize) -> Option<usize> {
    let word = p.open_word(i)?.text;
    if let Some(next) = p.open_word(i + 1) {
        if PHRASAL.iter().any(|&(verb, particle)| verb == word && particle == next.text) {
            return Some(i + 1);
        }
    }
    // `put` reports speech only as `put it`: `as Mayor Lee put it`.
    if word == "put" {
        return p.open_word(i + 1).filter(|t| t.text == "it").map(|_| i + 1);
    }
    // `agreed to pay`, `promised to resign`: an undertaking, not a statement.
    let next = p.open_word(i + 1).map(|t| t.text);
    let undertaking = (next == Some("to")
        && base_forms(word).any(|b| matches!(b.as_str(), "agree" | "promise" | "pledge" | "vow" | "object")))
        // `asked for 6 percent`: a request for something, not a statement.
        || (next == Some("for") && matches!(word, "asked" | "asks" | "ask"));
    (is_reporting_form(word) && !undertaking && (BARE_VERBS.contains(&word) || has_complement(p, i))).then_some(i)
}

/// Whether the verb at `i` reports something: words other than adverbs follow it, or it closes
/// a reported clause before it (`The sheriff is not bound, Lindgren acknowledged.`).
fn has_complement(p: &Parsed, i: usize) -> bool {
    // `until a consular officer called.`: a call with nothing said is a telephone call.
    let needs_object = p.open_word(i).is_some_and(|t| matches!(t.text, "called" | "calls" | "call"));
    let before = p.tokens.get(..i).unwrap_or_default();
    if !needs_object && before.iter().any(|t| t.kind == Kind::Close || (t.kind == Kind::Punct && t.text == ",")) {
        return true;
    }
    let rest = p.tokens.get(i + 1..).unwrap_or_default();
    rest.iter().any(|t| t.kind != Kind::Punct && !(t.kind == Kind::Word && t.text.ends_with("ly")))
}
