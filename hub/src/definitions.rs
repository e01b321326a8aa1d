//! Loading the network's definitions (its measures and disclosure policy) from a file that a
//! network lead maintains. Nodes fetch them on their next sync.

use serde::Deserialize;
use tandem_shared::model::{Measure, TagVocabulary};
use tandem_shared::privacy::DisclosurePolicy;
use tandem_shared::protocol::{Definitions, ProtocolVersion};
use tandem_shared::validate;

use crate::Error;
use crate::store::Store;

/// A definitions file, in TOML: `[policy]`, `[[measures]]` and `[vocabulary]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitionsFile {
    #[serde(default)]
    pub policy: DisclosurePolicy,
    pub measures: Vec<Measure>,
    /// The condition and topic tags practices may carry, with their labels.
    #[serde(default)]
    pub vocabulary: TagVocabulary,
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
        Ok(file)
    }
}

/// Publish definitions. Loading the same definitions again changes nothing; anything new
/// becomes the next version. Returns the current version and whether it changed.
pub async fn publish(
    store: &dyn Store,
    network: &str,
    file: DefinitionsFile,
) -> Result<(u64, bool), Error> {
    let mut next = Definitions {
        protocol_version: ProtocolVersion,
        version: 0,
        network: network.to_owned(),
        policy: file.policy,
        measures: file.measures,
        vocabulary: file.vocabulary,
    };
    if let Some(current) = store.definitions().await? {
        next.version = current.version;
        if current == next {
            return Ok((current.version, false));
        }
    }
    Ok((store.put_definitions(&next).await?, true))
}
