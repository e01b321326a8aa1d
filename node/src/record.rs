//! What a clinic records, kind by kind, and how each kind passes the release gate.

use serde::Serialize;
use serde::de::DeserializeOwned;
use tandem_shared::model::{
    MeasureEntry, Month, Narrative, PartnershipProfile, PdsaCycle, Practice, Project, Subject,
};
use tandem_shared::privacy::{self, ReleasedText};
use tandem_shared::protocol::{Definitions, ReleaseItem};
use tandem_shared::{Error, validate};

pub use crate::kind::Kind;
use crate::review::Review;
use crate::state::Node;
use crate::store::StoredRecord;

/// A kind of record the node stores and can release.
pub trait Record: Serialize + DeserializeOwned + Send + Sync + 'static {
    const KIND: Kind;

    /// The record's id within its kind.
    fn id(&self) -> String;

    /// Check the record on its own. Measure values need the network's definitions.
    fn validate(&self, definitions: Option<&Definitions>) -> Result<(), Error>;

    /// Records of other kinds this one points at, which must exist on the node.
    fn references(&self) -> Vec<(Kind, String)> {
        Vec::new()
    }

    /// The network practice this record builds on, which must be the clinic's own or in the
    /// network catalogue.
    fn source_practice(&self) -> Option<uuid::Uuid> {
        None
    }

    /// The record as it would leave the clinic: free text through the release gate, counts
    /// through disclosure control.
    fn release(
        self,
        definitions: &Definitions,
        review: &mut Review<'_>,
    ) -> Result<ReleaseItem, Error>;
}

/// Check a record against the network's definitions and the records it points at, and store
/// it. Returns the stored record and whether it is new. The local API and the demo both record
/// through here.
pub async fn save<R: Record>(
    node: &Node,
    record: &R,
) -> Result<(StoredRecord, bool), crate::Error> {
    let invalid = |m: String| crate::Error::Rule(Error::Invalid(m));
    let defs = node.store.definitions().await?;
    record.validate(defs.as_ref())?;
    for (kind, target) in record.references() {
        if node.store.record(kind, &target).await?.is_none() {
            return Err(invalid(format!(
                "this {} refers to {} {target}, which does not exist on this node; create it \
                 first",
                R::KIND.as_str(),
                kind.as_str()
            )));
        }
    }
    if let Some(practice) = record.source_practice()
        && !node.store.practice_known(&practice.to_string()).await?
    {
        return Err(invalid(format!(
            "practice {practice} is neither this clinic's nor in the network catalogue; sync \
             to fetch the catalogue, or check the id"
        )));
    }
    let body = serde_json::to_string(record)
        .map_err(|e| crate::Error::Schema(format!("cannot store the record: {e}")))?;
    node.store.put_record(R::KIND, &record.id(), &body).await
}

/// The current text of one free-text field of a stored record, if the record has that field.
pub fn field_text(record: &StoredRecord, field: &str) -> Result<Option<String>, crate::Error> {
    fn find<N: Narrative<String> + DeserializeOwned>(
        body: &str,
        field: &str,
    ) -> Result<Option<String>, crate::Error> {
        let parsed: N = serde_json::from_str(body)
            .map_err(|e| crate::Error::Schema(format!("a stored record cannot be read: {e}")))?;
        Ok(parsed
            .text_fields()
            .into_iter()
            .find(|f| f.name == field)
            .map(|f| f.value.clone()))
    }
    match record.kind {
        Kind::Project => find::<Project<String>>(&record.body, field),
        Kind::Cycle => find::<PdsaCycle<String>>(&record.body, field),
        Kind::Practice => find::<Practice<String>>(&record.body, field),
        Kind::Partnership | Kind::MeasureValue => Ok(None),
    }
}

/// The release gate for free text: every text field of a record is scrubbed, the clinic's
/// review choices applied, and the result passes [`privacy::release_text`].
pub fn gate<N: Narrative<String>>(
    record: N,
    review: &mut Review<'_>,
) -> Result<N::Mapped<ReleasedText>, Error> {
    review.learn(
        record
            .text_fields()
            .into_iter()
            .map(|f| (f.name, f.value.as_str())),
    );
    record.try_map_text(|field, text| review.release(field, &text))
}

impl Record for Project<String> {
    const KIND: Kind = Kind::Project;

    fn id(&self) -> String {
        self.id.to_string()
    }

    fn validate(&self, definitions: Option<&Definitions>) -> Result<(), Error> {
        validate::project(self)?;
        if let Some(defs) = definitions {
            for m in &self.measures {
                validate::known_measure(&defs.measures, m)?;
            }
        }
        Ok(())
    }

    fn release(self, _: &Definitions, review: &mut Review<'_>) -> Result<ReleaseItem, Error> {
        Ok(ReleaseItem::Project(gate(self, review)?))
    }
}

impl Record for PdsaCycle<String> {
    const KIND: Kind = Kind::Cycle;

    fn id(&self) -> String {
        self.id.to_string()
    }

    fn validate(&self, _: Option<&Definitions>) -> Result<(), Error> {
        validate::cycle(self)
    }

    fn references(&self) -> Vec<(Kind, String)> {
        let mut out = vec![(Kind::Project, self.project.to_string())];
        out.extend(self.follows.map(|c| (Kind::Cycle, c.to_string())));
        out
    }

    fn source_practice(&self) -> Option<uuid::Uuid> {
        self.from_practice
    }

    fn release(self, _: &Definitions, review: &mut Review<'_>) -> Result<ReleaseItem, Error> {
        Ok(ReleaseItem::Cycle(gate(self, review)?))
    }
}

impl Record for PartnershipProfile {
    const KIND: Kind = Kind::Partnership;

    fn id(&self) -> String {
        self.id.to_string()
    }

    fn validate(&self, _: Option<&Definitions>) -> Result<(), Error> {
        validate::partnership(self)
    }

    fn references(&self) -> Vec<(Kind, String)> {
        vec![match self.subject {
            Subject::Project(id) => (Kind::Project, id.to_string()),
            Subject::Cycle(id) => (Kind::Cycle, id.to_string()),
        }]
    }

    fn release(self, _: &Definitions, _: &mut Review<'_>) -> Result<ReleaseItem, Error> {
        Ok(ReleaseItem::Partnership(self))
    }
}

impl Record for Practice<String> {
    const KIND: Kind = Kind::Practice;

    fn id(&self) -> String {
        self.id.to_string()
    }

    fn validate(&self, definitions: Option<&Definitions>) -> Result<(), Error> {
        validate::practice(self)?;
        // Tags are words of the network's vocabulary: before the first sync, none is known.
        let empty = tandem_shared::model::TagVocabulary::default();
        validate::practice_tags(self, definitions.map_or(&empty, |d| &d.vocabulary))
    }

    fn references(&self) -> Vec<(Kind, String)> {
        self.cycles
            .iter()
            .map(|c| (Kind::Cycle, c.to_string()))
            .collect()
    }

    fn release(self, _: &Definitions, review: &mut Review<'_>) -> Result<ReleaseItem, Error> {
        // Credits without the consent of those credited stay in the clinic.
        let credits = self.credits.consented();
        Ok(ReleaseItem::Practice(gate(
            Practice { credits, ..self },
            review,
        )?))
    }
}

/// The id of a measure value: `measure/month`.
pub fn value_id(measure: &str, month: Month) -> String {
    format!("{measure}/{month}")
}

impl Record for MeasureEntry {
    const KIND: Kind = Kind::MeasureValue;

    fn id(&self) -> String {
        value_id(self.measure.as_str(), self.month)
    }

    fn validate(&self, definitions: Option<&Definitions>) -> Result<(), Error> {
        let measures = definitions.map_or(&[][..], |d| &d.measures[..]);
        validate::measure_entry(measures, self, Month::current()).map(|_| ())
    }

    fn release(self, definitions: &Definitions, _: &mut Review<'_>) -> Result<ReleaseItem, Error> {
        let measure = validate::measure_entry(&definitions.measures, &self, Month::current())?;
        Ok(ReleaseItem::MeasureValue(privacy::disclose(
            measure,
            &self,
            &definitions.policy,
        )))
    }
}
