//! Merging a fresh extraction into a reviewed claims file.
//!
//! The rules (stated for users in the README's claims-file section):
//!
//! - **Identity is content.** A reviewed claim and a fresh one are the same claim when their
//!   quote, sentence and the quote's occurrence in the sentence agree ([`ClaimKey`]). Position
//!   plays no part, so inserting, deleting or moving text elsewhere never moves a review.
//! - **Repeated sentences** (one key, several claims) are told apart by their context: the text
//!   just before and just after the sentence. A pair is made only when it is the one candidate
//!   either way (same context on both sides, else same text before, else same text after, else
//!   the last one left on each side). Claims that cannot be told apart are never guessed: the
//!   review stays on the old claim, now stale, and the fresh claim starts unreviewed.
//! - **What carries over**: the reviewer's `status`, `note` and `added_sources`, the claim's id,
//!   and every editable field (`kind`, `subject`, `scope`, `sources`, the `measure` fields) that
//!   the reviewer changed from what the tool extracted. Untouched editable fields, and the tool's
//!   own fields, come from the fresh extraction.
//! - **Vanished claims** with anything a reviewer wrote are kept, marked `stale`; a claim that
//!   comes back gets its review back. Vanished claims nobody touched are dropped.
//!
//! The merge is linear in the number of claims: one hash lookup per claim.

use std::collections::{HashMap, HashSet};

use crate::model::identity::{self, ClaimKey, Context};
use crate::model::{Claim, ClaimsFile};

/// The reviewer-editable fields whose edits are detected by fingerprint, in fingerprint order.
const SLOTS: usize = 9;
/// Hex digits per field in a fingerprint.
const SLOT_HEX: usize = 8;

/// A merged file and what could not be carried over.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged claims file.
    pub file: ClaimsFile,
    /// Ids of reviewed claims that were in the article before and are not now (newly stale).
    pub lost: Vec<String>,
}

/// The fingerprint of editable field `slot` of `c`.
fn slot_hash(c: &Claim, slot: usize) -> u32 {
    let opt = |o: &Option<String>| match o {
        // "\u{1}" marks a present value, so `None` and `Some("")` differ.
        Some(s) => identity::fingerprint32(&[b"\x01", s.as_bytes()]),
        None => identity::fingerprint32(&[]),
    };
    match slot {
        0 => identity::fingerprint32(&[c.kind.as_str().as_bytes()]),
        1 => identity::fingerprint32(&[c.subject.as_bytes()]),
        2 => identity::fingerprint32(&[json(&c.scope).as_bytes()]),
        3 => {
            let ids: Vec<&[u8]> = c.sources.iter().map(|s| s.as_bytes()).collect();
            identity::fingerprint32(&ids)
        }
        4 => opt(&c.measure.intervention),
        5 => opt(&c.measure.comparator),
        6 => opt(&c.measure.population),
        7 => opt(&c.measure.outcome),
        _ => identity::fingerprint32(&[json(&c.measure.time_point).as_bytes()]),
    }
}

/// Sets editable field `slot` of `to` to that of `from`.
fn copy_slot(from: &Claim, to: &mut Claim, slot: usize) {
    match slot {
        0 => to.kind = from.kind,
        1 => to.subject.clone_from(&from.subject),
        2 => to.scope = from.scope,
        3 => to.sources.clone_from(&from.sources),
        4 => to
            .measure
            .intervention
            .clone_from(&from.measure.intervention),
        5 => to.measure.comparator.clone_from(&from.measure.comparator),
        6 => to.measure.population.clone_from(&from.measure.population),
        7 => to.measure.outcome.clone_from(&from.measure.outcome),
        _ => to.measure.time_point.clone_from(&from.measure.time_point),
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The fingerprint of `c`'s editable fields as they are now: what the tool stores in
/// `extracted` for the values it extracted.
pub fn fingerprint(c: &Claim) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(SLOTS * SLOT_HEX);
    for slot in 0..SLOTS {
        let _ = write!(out, "{:08x}", slot_hash(c, slot));
    }
    out
}

/// Which editable fields of the reviewed claim `old` a reviewer changed. With a fingerprint that
/// is exact; without one (a version-1 file) a field that differs from the fresh extraction's
/// counts as changed, so nothing a reviewer may have written is overwritten.
fn edits(old: &Claim, fresh: Option<&Claim>) -> [bool; SLOTS] {
    let stored = (old.extracted.len() == SLOTS * SLOT_HEX).then_some(old.extracted.as_str());
    std::array::from_fn(|slot| match stored {
        Some(fp) => {
            let stored = fp
                .get(slot * SLOT_HEX..(slot + 1) * SLOT_HEX)
                .and_then(|h| u32::from_str_radix(h, 16).ok());
            stored != Some(slot_hash(old, slot))
        }
        None => fresh.is_some_and(|f| slot_hash(old, slot) != slot_hash(f, slot)),
    })
}

/// Whether `file` holds anything a reviewer wrote: a status, note, added source or corrected
/// field on any claim, or a stale claim (kept only for its review). A version-1 file always
/// does, since its corrections cannot be told from the tool's values. A file that holds none can
/// be made again by `extract`.
pub fn holds_review(file: &ClaimsFile) -> bool {
    file.version < 2
        || file
            .claims
            .iter()
            .any(|c| c.stale || c.has_review(edits(c, None).contains(&true)))
}

/// Merges a fresh extraction into the reviewed file `old` (if any): see the module header.
/// Every claim of the result carries the fingerprint of what the tool extracted.
pub fn merge(old: Option<ClaimsFile>, mut fresh: ClaimsFile) -> Merged {
    for claim in &mut fresh.claims {
        claim.extracted = fingerprint(claim);
    }
    let Some(old) = old else {
        return Merged {
            file: fresh,
            lost: Vec::new(),
        };
    };
    let matches = match_claims(&old.claims, &fresh.claims);
    let mut old_claims: Vec<Option<Claim>> = old.claims.into_iter().map(Some).collect();
    let mut used_ids = HashSet::new();
    for (claim, m) in fresh.claims.iter_mut().zip(&matches) {
        if let Some(prev) = m.and_then(|i| old_claims[i].take()) {
            carry_review(prev, claim);
            used_ids.insert(claim.id.clone());
        }
    }
    let mut stale = Vec::new();
    let mut lost = Vec::new();
    for mut prev in old_claims.into_iter().flatten() {
        if !prev.has_review(edits(&prev, None).contains(&true)) {
            continue;
        }
        if !prev.stale {
            lost.push(prev.id.clone());
        }
        prev.stale = true;
        used_ids.insert(prev.id.clone());
        stale.push(prev);
    }
    let path = fresh.article.path.clone();
    for (claim, m) in fresh.claims.iter_mut().zip(&matches) {
        if m.is_none() {
            claim.id = unused_id(&path, claim, &mut used_ids);
        }
    }
    stale.sort_by_key(|c| c.location);
    keep_referenced_sources(old.sources, &mut fresh, &stale);
    fresh.claims.extend(stale);
    Merged { file: fresh, lost }
}

/// Moves what the reviewer owns from `prev` onto the fresh claim.
fn carry_review(prev: Claim, claim: &mut Claim) {
    let edited = edits(&prev, Some(claim));
    for (slot, _) in edited.iter().enumerate().filter(|(_, e)| **e) {
        copy_slot(&prev, claim, slot);
    }
    claim.id = prev.id;
    claim.status = prev.status;
    claim.note = prev.note;
    claim.added_sources = prev.added_sources;
}

/// The claim's extracted id, or (when a kept claim has it) one salted with its context, or
/// numbered.
fn unused_id(path: &str, claim: &Claim, used: &mut HashSet<String>) -> String {
    let mut id = claim.id.clone();
    if used.contains(&id) {
        let key = ClaimKey::new(&claim.quote, &claim.sentence, &claim.context);
        let base = identity::claim_id(path, &key, &claim.context);
        id = base.clone();
        let mut n = 1;
        while used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
    }
    used.insert(id.clone());
    id
}

/// Sources of the old file that kept claims (stale ones, or reviewers' edits and additions)
/// still refer to.
fn keep_referenced_sources(
    old_sources: Vec<crate::model::Source>,
    fresh: &mut ClaimsFile,
    stale: &[Claim],
) {
    let known: HashSet<String> = fresh.sources.iter().map(|s| s.id.clone()).collect();
    let referenced: HashSet<&str> = fresh
        .claims
        .iter()
        .chain(stale)
        .flat_map(|c| c.sources.iter().chain(&c.added_sources))
        .map(String::as_str)
        .collect();
    let keep: Vec<_> = old_sources
        .into_iter()
        .filter(|s| !known.contains(&s.id) && referenced.contains(s.id.as_str()))
        .collect();
    fresh.sources.extend(keep);
}

/// For each fresh claim, the old claim it is (see the module header).
fn match_claims(old: &[Claim], fresh: &[Claim]) -> Vec<Option<usize>> {
    let key = |c: &Claim| ClaimKey::new(&c.quote, &c.sentence, &c.context);
    let mut old_by_key: HashMap<ClaimKey, Vec<usize>> = HashMap::with_capacity(old.len());
    for (i, c) in old.iter().enumerate() {
        old_by_key.entry(key(c)).or_default().push(i);
    }
    let mut fresh_by_key: HashMap<ClaimKey, Vec<usize>> = HashMap::with_capacity(fresh.len());
    let mut order = Vec::new();
    for (i, c) in fresh.iter().enumerate() {
        let k = key(c);
        let entry = fresh_by_key.entry(k.clone()).or_default();
        if entry.is_empty() {
            order.push(k);
        }
        entry.push(i);
    }
    let mut result = vec![None; fresh.len()];
    for k in order {
        let (Some(olds), Some(freshes)) = (old_by_key.remove(&k), fresh_by_key.remove(&k)) else {
            continue;
        };
        if let ([o], [f]) = (olds.as_slice(), freshes.as_slice()) {
            result[*f] = Some(*o);
        } else {
            resolve_repeats(old, fresh, olds, freshes, &mut result);
        }
    }
    result
}

/// Pairs claims of one key (a repeated sentence) by context; see the module header.
fn resolve_repeats(
    old: &[Claim],
    fresh: &[Claim],
    mut olds: Vec<usize>,
    mut freshes: Vec<usize>,
    result: &mut [Option<usize>],
) {
    type Side = fn(&Context<'_>) -> Option<String>;
    let both: Side = |c| (!c.before.is_empty()).then(|| format!("{}.{}", c.before, c.after));
    let before: Side = |c| (!c.before.is_empty()).then(|| c.before.to_owned());
    let after: Side = |c| (!c.after.is_empty()).then(|| c.after.to_owned());
    for side in [both, before, after] {
        let mut by: HashMap<String, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for &o in &olds {
            if let Some(k) = side(&Context::parse(&old[o].context)) {
                by.entry(k).or_default().0.push(o);
            }
        }
        for &f in &freshes {
            if let Some(k) = side(&Context::parse(&fresh[f].context)) {
                by.entry(k).or_default().1.push(f);
            }
        }
        let mut paired_old = HashSet::new();
        let mut paired_fresh = HashSet::new();
        for (os, fs) in by.values() {
            if let ([o], [f]) = (os.as_slice(), fs.as_slice()) {
                result[*f] = Some(*o);
                paired_old.insert(*o);
                paired_fresh.insert(*f);
            }
        }
        olds.retain(|o| !paired_old.contains(o));
        freshes.retain(|f| !paired_fresh.contains(f));
    }
    if let ([o], [f]) = (olds.as_slice(), freshes.as_slice()) {
        result[*f] = Some(*o);
    }
}
