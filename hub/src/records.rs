//! The improvement work clinics released to the network, read back typed: projects, PDSA
//! cycles, partnership profiles and practices, for the leads' activity, spread and
//! partnership pages.

use tandem_shared::model::{ClinicId, PartnershipProfile, PdsaCycle, Practice, Project};
use tandem_shared::privacy::ReleasedText;

use crate::Error;
use crate::store::Store;

/// Everything released, of the whole network or of one clinic.
#[derive(Debug, Default)]
pub struct Work {
    pub projects: Vec<(ClinicId, Project<ReleasedText>)>,
    pub cycles: Vec<(ClinicId, PdsaCycle<ReleasedText>)>,
    pub profiles: Vec<(ClinicId, PartnershipProfile)>,
    pub practices: Vec<(ClinicId, Practice<ReleasedText>)>,
}

async fn kind<T: serde::de::DeserializeOwned>(
    store: &dyn Store,
    kind: &str,
    clinic: Option<&ClinicId>,
) -> Result<Vec<(ClinicId, T)>, Error> {
    Ok(store
        .records(kind, clinic)
        .await?
        .into_iter()
        .filter_map(|(c, body)| match serde_json::from_str(&body) {
            Ok(record) => Some((c, record)),
            // Checked when it came in; a record that no longer reads is left out, and said,
            // without serde's message (it may quote the record's text).
            Err(e) => {
                tracing::warn!(clinic = %c, kind, category = ?e.classify(), line = e.line(),
                    column = e.column(), "a stored record does not read");
                None
            }
        })
        .collect())
}

impl Work {
    pub async fn read(store: &dyn Store, clinic: Option<&ClinicId>) -> Result<Self, Error> {
        Ok(Work {
            projects: kind(store, "project", clinic).await?,
            cycles: kind(store, "cycle", clinic).await?,
            profiles: kind(store, "partnership", clinic).await?,
            practices: kind(store, "practice", clinic).await?,
        })
    }
}
