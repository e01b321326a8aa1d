//! Loading the network's definitions (its measures and disclosure policy) from a file that a
//! network lead maintains. Nodes fetch them on their next sync.

use serde::Deserialize;
use tandem_shared::compute::{self, Dictionary, Populations};
use tandem_shared::model::{Measure, TagVocabulary};
use tandem_shared::privacy::DisclosurePolicy;
use tandem_shared::protocol::{Definitions, ProtocolVersion, Reporting};
use tandem_shared::validate;

use crate::Error;
use crate::store::Store;

/// A definitions file, in TOML: `[policy]`, `[reporting]`, `[[measures]]` and `[vocabulary]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitionsFile {
    #[serde(default)]
    pub policy: DisclosurePolicy,
    pub measures: Vec<Measure>,
    /// The condition and topic tags practices may carry, with their labels.
    #[serde(default)]
    pub vocabulary: TagVocabulary,
    /// The tables and fields of the patient-level extract that nodes compute measures from.
    #[serde(default)]
    pub dictionary: Option<Dictionary>,
    /// The groups of patients that computed measures count.
    #[serde(default)]
    pub populations: Populations,
    /// When each month's figures are due (`deadline_day`, default 15).
    #[serde(default)]
    pub reporting: Reporting,
}

impl DefinitionsFile {
    /// Parse and check a definitions file.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let file: DefinitionsFile = toml::from_str(text).map_err(|e| {
            Error::Config(format!(
                "the definitions file is not valid: {}",
                crate::config::toml_error(text, &e)
            ))
        })?;
        validate::measures(&file.measures)?;
        validate::vocabulary(&file.vocabulary)?;
        compute::check(file.dictionary.as_ref(), &file.populations, &file.measures)?;
        Ok(file)
    }

    /// The definitions this file makes, as a network publishes them.
    pub fn definitions(self, network: &str, version: u64) -> Definitions {
        Definitions {
            protocol_version: ProtocolVersion,
            version,
            network: network.to_owned(),
            policy: self.policy,
            measures: self.measures,
            vocabulary: self.vocabulary,
            dictionary: self.dictionary,
            populations: self.populations,
            reporting: self.reporting,
        }
    }
}

/// Publish definitions. Loading the same definitions again changes nothing; anything new
/// becomes the next version. Returns the current version and whether it changed.
pub async fn publish(
    store: &dyn Store,
    network: &str,
    file: DefinitionsFile,
) -> Result<(u64, bool), Error> {
    let mut next = file.definitions(network, 0);
    if let Some(current) = store.definitions().await? {
        next.version = current.version;
        if current == next {
            return Ok((current.version, false));
        }
    }
    Ok((store.put_definitions(&next).await?, true))
}

/// One field that differs, with its published and its new value, written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub from: String,
    pub to: String,
}

/// One difference between the published definitions and a file, as an administrator
/// reviews it before publishing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    MeasureAdded {
        id: String,
        title: String,
    },
    MeasureRemoved {
        id: String,
        title: String,
    },
    MeasureChanged {
        id: String,
        title: String,
        fields: Vec<Field>,
    },
    Policy(Field),
    /// The condition or topic tags.
    Vocabulary(Field),
    /// The extract's dictionary or the populations computed measures count.
    Computation(Field),
}

fn written(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "–".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The top-level fields in which two values written as JSON objects differ.
fn fields<T: serde::Serialize>(from: &T, to: &T) -> Vec<Field> {
    let (a, b) = (
        serde_json::to_value(from).unwrap_or_default(),
        serde_json::to_value(to).unwrap_or_default(),
    );
    let empty = serde_json::Map::new();
    let (a, b) = (
        a.as_object().unwrap_or(&empty),
        b.as_object().unwrap_or(&empty),
    );
    let names: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let null = serde_json::Value::Null;
    names
        .into_iter()
        .filter_map(|name| {
            let (x, y) = (a.get(name).unwrap_or(&null), b.get(name).unwrap_or(&null));
            (x != y).then(|| Field {
                name: name.clone(),
                from: written(x),
                to: written(y),
            })
        })
        .collect()
}

/// What publishing `file` would change in `current` (everything, when nothing is published).
pub fn changes(current: Option<&Definitions>, file: &DefinitionsFile) -> Vec<Change> {
    let none = Vec::new();
    let published = current.map_or(&none, |d| &d.measures);
    let mut out = Vec::new();
    for m in &file.measures {
        match published.iter().find(|p| p.id == m.id) {
            None => out.push(Change::MeasureAdded {
                id: m.id.to_string(),
                title: m.title.clone(),
            }),
            Some(p) if p != m => out.push(Change::MeasureChanged {
                id: m.id.to_string(),
                title: m.title.clone(),
                fields: fields(p, m),
            }),
            Some(_) => {}
        }
    }
    for p in published {
        if !file.measures.iter().any(|m| m.id == p.id) {
            out.push(Change::MeasureRemoved {
                id: p.id.to_string(),
                title: p.title.clone(),
            });
        }
    }
    let default_policy = DisclosurePolicy::default();
    let policy = current.map_or(&default_policy, |d| &d.policy);
    out.extend(fields(policy, &file.policy).into_iter().map(Change::Policy));
    let default_vocabulary = TagVocabulary::default();
    let vocabulary = current.map_or(&default_vocabulary, |d| &d.vocabulary);
    for (name, from, to) in [
        (
            "conditions",
            &vocabulary.conditions,
            &file.vocabulary.conditions,
        ),
        ("topics", &vocabulary.topics, &file.vocabulary.topics),
    ] {
        if from != to {
            let tags = |list: &Vec<tandem_shared::model::TagLabel>| {
                list.iter()
                    .map(|t| format!("{} ({} / {})", t.id, t.en, t.fr))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            out.push(Change::Vocabulary(Field {
                name: name.into(),
                from: tags(from),
                to: tags(to),
            }));
        }
    }
    let dictionary = current.and_then(|d| d.dictionary.as_ref());
    if dictionary != file.dictionary.as_ref() {
        out.push(Change::Computation(Field {
            name: "dictionary".into(),
            from: json(&dictionary),
            to: json(&file.dictionary.as_ref()),
        }));
    }
    let reporting = current.map_or_else(Reporting::default, |d| d.reporting);
    out.extend(fields(&reporting, &file.reporting).into_iter().map(|f| {
        Change::Policy(Field {
            name: format!("reporting.{}", f.name),
            ..f
        })
    }));
    let no_populations = Populations::new();
    let populations = current.map_or(&no_populations, |d| &d.populations);
    if populations != &file.populations {
        out.push(Change::Computation(Field {
            name: "populations".into(),
            from: json(populations),
            to: json(&file.populations),
        }));
    }
    out
}

/// A value as compact JSON, for a change's before and after.
fn json<T: serde::Serialize>(value: &T) -> String {
    written(&serde_json::to_value(value).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../deploy/definitions.toml");

    fn published(text: &str) -> Definitions {
        DefinitionsFile::parse(text).unwrap().definitions("N", 3)
    }

    #[test]
    fn computable_definitions_are_checked_against_the_dictionary_when_loaded() {
        assert!(
            DefinitionsFile::parse(SHIPPED)
                .unwrap()
                .dictionary
                .is_some()
        );
        let refused = |from: &str, to: &str, needle: &str| {
            assert!(SHIPPED.contains(from), "{from}");
            let text = SHIPPED.replacen(from, to, 1);
            let e = DefinitionsFile::parse(&text).err().map(|e| e.to_string());
            assert!(
                e.as_deref().is_some_and(|e| e.contains(needle)),
                "{from} -> {to}: {e:?} should say {needle:?}"
            );
        };
        refused(
            "eq = \"quiescent\"",
            "eq = \"quiet\"",
            "\"quiet\" is not a value of field pga",
        );
        refused("eq = \"quiescent\"", "eq = 3", "cannot be compared with 3");
        refused(
            "{ field = \"pga\", present = true }",
            "{ field = \"patient_id\", present = true }",
            "may not test identifiers",
        );
        refused(
            "{ field = \"pga\", present = true }",
            "{ field = \"pga\", present = true, eq = \"mild\" }",
            "exactly one of",
        );
        refused(
            "window = { months = 13 } } }]",
            "window = { months = 400 } } }]",
            "a window is",
        );
        refused(
            "require = [{ exists = { table = \"visits\"",
            "require = [{ exists = { table = \"visit\"",
            "there is no table \"visit\"",
        );
        refused(
            "require = [{ exists = { table = \"visits\"",
            "require = [{ exists = { table = \"patients\"",
            "rows are selected from dated tables",
        );
        refused(
            "denominator = \"seen-13m\"",
            "denominator = \"seen\"",
            "no population \"seen\"",
        );
        refused(
            "exposure = \"seen-13m\"",
            "denominator = \"seen-13m\"",
            "exposure and events only",
        );
        refused(
            "{ active_at = \"period_end\" },",
            "{ active_at = \"period_end\", field = \"route\" },",
            "names no field",
        );
        refused(
            "{ name = \"pcdai\", type = \"integer\", min = 0,",
            "{ name = \"pcdai\", type = \"integer\",",
            "min and max",
        );
        refused(
            "key = [\"patient_id\", \"visit_date\"]",
            "key = [\"patient_id\", \"day\"]",
            "\"day\" is not one of its fields",
        );
        // Nesting is bounded, so a published definition cannot ask a node for unbounded work.
        let deep = (0..10).fold(
            "{ field = \"pga\", present = true }".to_owned(),
            |inner, _| format!("{{ any = [{inner}] }}"),
        );
        refused(
            "where = [{ field = \"pga\", present = true }]",
            &format!("where = [{deep}]"),
            "nest at most",
        );
        // Without a dictionary, nothing may be computed.
        let cut = SHIPPED.find("[dictionary]").unwrap();
        let e = DefinitionsFile::parse(&SHIPPED[..cut])
            .unwrap_err()
            .to_string();
        assert!(e.contains("no [dictionary]"), "{e}");
    }

    #[test]
    fn the_same_file_changes_nothing_and_a_new_network_gets_everything() {
        let file = DefinitionsFile::parse(SHIPPED).unwrap();
        assert!(changes(Some(&published(SHIPPED)), &file).is_empty());
        let all = changes(None, &file);
        assert_eq!(
            all.iter()
                .filter(|c| matches!(c, Change::MeasureAdded { .. }))
                .count(),
            file.measures.len()
        );
    }

    #[test]
    fn each_difference_is_named_with_both_values() {
        let current = published(SHIPPED);
        let edited = SHIPPED
            .replace("min_cell_size = 11\n", "min_cell_size = 7\n")
            .replacen("goal = 0.8", "goal = 0.85", 1);
        let file = DefinitionsFile::parse(&edited).unwrap();
        let found = changes(Some(&current), &file);
        assert!(found.contains(&Change::Policy(Field {
            name: "min_cell_size".into(),
            from: "11".into(),
            to: "7".into()
        })));
        assert!(found.iter().any(|c| matches!(
            c,
            Change::MeasureChanged { fields, .. }
                if fields == &[Field { name: "goal".into(), from: "0.8".into(), to: "0.85".into() }]
        )), "{found:?}");
    }
}
