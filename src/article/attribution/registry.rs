//! The people and organisations of one article: surnames linked to full
//! names introduced earlier, titles stripped, roles and pronouns resolved.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Default)]
pub(super) struct Registry {
    pub(super) entities: Vec<Entity>,
    /// Every mention in article order.
    pub(super) mentions: Vec<(Position, usize)>,
    /// Every attributed speaker in article order.
    pub(super) speakers: Vec<usize>,
}

impl Registry {
    pub(super) fn add(&mut self, name: String, kind: EntityKind) -> usize {
        self.entities.push(Entity { name, kind, titles: Vec::new(), gender: None });
        self.entities.len() - 1
    }

    /// Links a person to an earlier entity: a full name by equality, a lone surname to the most
    /// recently introduced full name ending in it. Unknown names become new entities.
    pub(super) fn person(&mut self, words: &[String], titles: &[String]) -> usize {
        let name = words.join(" ");
        let existing = if words.len() == 1 {
            self.by_surname(&name)
        } else {
            self.entities.iter().position(|e| e.kind == EntityKind::Person && e.name == name)
        };
        let id = existing.unwrap_or_else(|| self.add(name, EntityKind::Person));
        self.add_titles(id, titles);
        id
    }

    pub(super) fn by_surname(&self, word: &str) -> Option<usize> {
        let full = self.entities.iter().rposition(|e| e.is_full_name() && e.surname() == Some(word));
        full.or_else(|| self.entities.iter().rposition(|e| e.kind == EntityKind::Person && e.name == word))
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

    pub(super) fn org(&mut self, name: &str) -> usize {
        let existing = self.entities.iter().position(|e| e.kind == EntityKind::Org && e.name == name);
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
        let earlier = self.mentions.iter().rev().filter(|(pos, _)| *pos < at);
        earlier.map(|&(_, id)| id).find(|&id| self.is(id, &test))
    }

    /// he/she: the most recent person speaker (of compatible gender), else the most recently named person.
    /// they: the most recent speaker, else the most recent name. it: the most recent organisation.
    pub(super) fn resolve_pronoun(&mut self, pronoun: Pronoun, at: Position) -> Option<usize> {
        let id = match pronoun.gender() {
            Some(gender) => {
                let fits = |e: &Entity| e.kind == EntityKind::Person && e.gender.is_none_or(|g| g == gender);
                let speaker = self.speakers.iter().rev().copied().find(|&id| self.is(id, fits));
                speaker.or_else(|| self.mentioned_before(at, fits))?
            }
            None if pronoun == Pronoun::It => {
                let is_org = |e: &Entity| e.kind == EntityKind::Org;
                let speaker = self.speakers.iter().rev().copied().find(|&id| self.is(id, is_org));
                speaker.or_else(|| self.mentioned_before(at, is_org))?
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
