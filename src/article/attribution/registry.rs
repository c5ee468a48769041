//! The people and organisations of one article: surnames linked to full
//! names introduced earlier, titles stripped, roles and pronouns resolved.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum EntityKind {
    Person,
    Org,
}

#[derive(Debug)]
pub(super) struct Entity {
    pub(super) name: String,
    pub(super) kind: EntityKind,
    pub(super) titles: Vec<String>,
    /// Learned from `Ms.`/`spokesman`-style titles or from an earlier he/she that resolved here;
    /// lets two alternating speakers be told apart.
    pub(super) gender: Option<Gender>,
}

impl Entity {
    pub(super) fn surname(&self) -> Option<&str> {
        self.name.split(' ').rfind(|w| !NAME_SUFFIXES.contains(w))
    }

    pub(super) fn is_full_name(&self) -> bool {
        self.kind == EntityKind::Person && self.name.contains(' ')
    }
}

/// (sentence index, token index): orders mentions within the article.
pub(super) type Position = (usize, usize);

/// How many mentions (and speakers) back a pronoun or a role may refer:
/// pages of copy in a real article, and what keeps a very long input
/// linear (each lookup is bounded).
pub(super) const LOOKBACK: usize = 400;

#[derive(Debug, Default)]
pub(super) struct Registry {
    pub(super) entities: Vec<Entity>,
    /// Every mention in article order.
    pub(super) mentions: Vec<(Position, usize)>,
    /// Every attributed speaker in article order.
    pub(super) speakers: Vec<usize>,
    /// Entity of each exact name, per kind.
    by_name: rustc_hash::FxHashMap<(EntityKind, String), usize>,
    /// The most recently introduced full name ending in each surname.
    by_surname: rustc_hash::FxHashMap<String, usize>,
}

impl Registry {
    pub(super) fn add(&mut self, name: String, kind: EntityKind) -> usize {
        let id = self.entities.len();
        self.by_name.insert((kind, name.clone()), id);
        self.entities.push(Entity { name, kind, titles: Vec::new(), gender: None });
        if let Some(surname) = self.entities[id].is_full_name().then(|| self.entities[id].surname()).flatten() {
            self.by_surname.insert(surname.to_string(), id);
        }
        id
    }

    /// Links a person to an earlier entity: a full name by equality, a lone surname to the most
    /// recently introduced full name ending in it. Unknown names become new entities.
    pub(super) fn person(&mut self, words: &[String], titles: &[String]) -> usize {
        let name = words.join(" ");
        let existing = if words.len() == 1 {
            self.by_surname(&name)
        } else {
            self.by_name.get(&(EntityKind::Person, name.clone())).copied()
        };
        let id = existing.unwrap_or_else(|| self.add(name, EntityKind::Person));
        self.add_titles(id, titles);
        id
    }

    pub(super) fn by_surname(&self, word: &str) -> Option<usize> {
        let full = self.by_surname.get(word).copied();
        full.or_else(|| self.by_name.get(&(EntityKind::Person, word.to_string())).copied())
    }

    pub(super) fn add_titles(&mut self, id: usize, titles: &[String]) {
        let Some(entity) = self.entities.get_mut(id) else {
            return;
        };
        for title in titles {
            if !entity.titles.contains(title) {
                entity.titles.push(title.clone());
            }
            if entity.gender.is_none() {
                entity.gender = gender_of_title(title);
            }
        }
    }

    /// A speaker known only by a role (`DHS spokeswoman`, or `mayor` when no mayor was named):
    /// the role phrase is the name and `head` its title, so `the spokeswoman` and `she` find it.
    pub(super) fn introduce(&mut self, phrase: &str, head: &str) -> usize {
        let existing = self.by_name.get(&(EntityKind::Person, phrase.to_string())).copied();
        let id = existing.unwrap_or_else(|| {
            let id = self.entities.len();
            self.by_name.insert((EntityKind::Person, phrase.to_string()), id);
            self.entities.push(Entity {
                name: phrase.to_string(),
                kind: EntityKind::Person,
                titles: Vec::new(),
                gender: None,
            });
            id
        });
        self.add_titles(id, &[head.to_string()]);
        id
    }

    pub(super) fn org(&mut self, name: &str) -> usize {
        let existing = self.by_name.get(&(EntityKind::Org, name.to_string())).copied();
        existing.unwrap_or_else(|| self.add(name.to_string(), EntityKind::Org))
    }

    pub(super) fn name(&self, id: usize) -> Option<String> {
        self.entities.get(id).map(|e| e.name.clone())
    }

    pub(super) fn is(&self, id: usize, test: impl Fn(&Entity) -> bool) -> bool {
        self.entities.get(id).is_some_and(test)
    }

    /// Most recent entity mentioned strictly before `at` that passes `test`.
    pub(super) fn mentioned_before(&self, at: Position, test: impl Fn(&Entity) -> bool) -> Option<usize> {
        let earlier = self.mentions.iter().rev().take(LOOKBACK).filter(|(pos, _)| *pos < at);
        earlier.map(|&(_, id)| id).find(|&id| self.is(id, &test))
    }

    /// Most recent speaker (within [`LOOKBACK`]) that passes `test`.
    pub(super) fn recent_speaker(&self, test: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.speakers.iter().rev().take(LOOKBACK).copied().find(|&id| self.is(id, &test))
    }

    /// he/she: the most recent person speaker (of compatible gender), else the most recently named person.
    /// they: the most recent speaker, else the most recent name. it: the most recent organisation.
    pub(super) fn resolve_pronoun(&mut self, pronoun: Pronoun, at: Position) -> Option<usize> {
        let id = match pronoun.gender() {
            Some(gender) => {
                let fits = |e: &Entity| e.kind == EntityKind::Person && e.gender.is_none_or(|g| g == gender);
                self.recent_speaker(fits).or_else(|| self.mentioned_before(at, fits))?
            }
            None if pronoun == Pronoun::It => {
                let is_org = |e: &Entity| e.kind == EntityKind::Org;
                self.recent_speaker(is_org).or_else(|| self.mentioned_before(at, is_org))?
            }
            None => self.speakers.last().copied().or_else(|| self.mentioned_before(at, |_| true))?,
        };
        if let (Some(gender), Some(entity)) = (pronoun.gender(), self.entities.get_mut(id)) {
            entity.gender.get_or_insert(gender);
        }
        Some(id)
    }

    /// `the sheriff` → the most recent person titled sheriff; `the department` → the most
    /// recent organisation with that word in its name.
    pub(super) fn resolve_role(&self, role: &str, at: Position) -> Option<usize> {
        self.mentioned_before(at, |e| match e.kind {
            EntityKind::Person => e.titles.iter().any(|t| t == role),
            EntityKind::Org => e.name.split(' ').any(|w| w.eq_ignore_ascii_case(role)),
        })
    }
}

pub(super) fn gender_of_title(title: &str) -> Option<Gender> {
    match title {
        "mrs" | "ms" => Some(Gender::Female),
        "mr" => Some(Gender::Male),
        t if t.ends_with("woman") => Some(Gender::Female),
        t if t.ends_with("man") => Some(Gender::Male),
        _ => None,
    }
}
