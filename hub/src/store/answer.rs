//! The answer the hub gives to a release, kept with its receipt so that a replay gets it again,
//! byte for byte.

use axum::http::StatusCode;
use tandem_shared::protocol::{Ack, ItemResult, Outcome, Problem, ProblemItem, ReleaseEnvelope};

/// The answer to a release, kept with its receipt so that a replay gets it again.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    /// 200 with the acknowledgement when anything was accepted; 422 with a problem listing
    /// each item's reason when nothing was.
    pub fn from_results(envelope: &ReleaseEnvelope, results: Vec<ItemResult>) -> Answer {
        let accepted = results
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Accepted { .. }));
        if accepted {
            return Answer {
                status: 200,
                body: serde_json::to_string(&Ack::new(envelope, results)).unwrap_or_default(),
            };
        }
        let mut problem = Problem::new(
            422,
            "release-rejected",
            "Release rejected",
            format!(
                "none of the {} items of release {} could be accepted; each reason is listed \
                 under errors. Correct them on the node and release again",
                results.len(),
                envelope.sequence
            ),
        );
        problem.errors = results
            .into_iter()
            .filter_map(|r| match r.outcome {
                Outcome::Rejected { code, reason } => Some(ProblemItem {
                    at: r.key,
                    code,
                    message: reason,
                }),
                Outcome::Accepted { .. } => None,
            })
            .collect();
        Answer {
            status: 422,
            body: serde_json::to_string(&problem).unwrap_or_default(),
        }
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK)
    }
}
