//! One-time enrolment codes, and issuing certificates against them.
//!
//! A code (see [`EnrolmentCode`]) carries a 100-bit secret and the start of the hub CA's
//! fingerprint, so the node can pin the CA on first contact. Only a hash of the secret is
//! stored; it is single use and expires. A hash without salt or stretching suffices here
//! because the secret is random and long, unlike a password.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sha2::{Digest, Sha256};
use tandem_shared::model::ClinicId;
use tandem_shared::protocol::{Certificate, EnrolRequest, EnrolmentCode, ProtocolVersion};

use super::ca::Authority;
use crate::Error;
use crate::store::{Clinic, CodeStatus, IssuedCertificate, Store};

/// A new code for a clinic, as the lead sees it once.
#[derive(Debug, Clone)]
pub struct IssuedCode {
    pub code: String,
    pub clinic: ClinicId,
    pub expires_at: DateTime<Utc>,
}

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Make a new one-time code for an existing clinic.
pub async fn issue_code(
    store: &dyn Store,
    ca: &Authority,
    clinic: &ClinicId,
    valid_for_hours: u32,
) -> Result<IssuedCode, Error> {
    let found = store
        .clinic(clinic)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no clinic with id {clinic}")))?;
    if found.revoked_at.is_some() {
        return Err(Error::Conflict(format!(
            "clinic {clinic} has been revoked; add it again under a new id to re-admit it"
        )));
    }
    let alphabet = EnrolmentCode::ALPHABET;
    // The thread's generator is not `Send`: done with before the next await.
    let secret: String = {
        let mut rng = rand::rng();
        (0..EnrolmentCode::SECRET_CHARS)
            .map(|_| alphabet[rng.random_range(0..alphabet.len())] as char)
            .collect()
    };
    let now = crate::store::now();
    let expires_at = now + Duration::hours(i64::from(valid_for_hours));
    store
        .add_enrolment_code(clinic, &hash(&secret), expires_at, now)
        .await?;
    Ok(IssuedCode {
        code: EnrolmentCode::display(&secret, &ca.fingerprint()),
        clinic: clinic.clone(),
        expires_at,
    })
}

/// Add a clinic and make its first code.
pub async fn add_clinic(
    store: &dyn Store,
    ca: &Authority,
    id: &ClinicId,
    name: &str,
    valid_for_hours: u32,
) -> Result<IssuedCode, Error> {
    tandem_shared::validate::text("clinic name", name, 200, true)?;
    store
        .create_clinic(id, name.trim(), crate::store::now())
        .await?;
    issue_code(store, ca, id, valid_for_hours).await
}

/// Redeem a code: check it, sign the node's request, and record the certificate, using the
/// code up in the same transaction.
pub async fn enrol(
    store: &dyn Store,
    ca: &Authority,
    request: &EnrolRequest,
    certificate_days: u32,
) -> Result<Certificate, Error> {
    let code = EnrolmentCode::parse(&request.code).map_err(|e| Error::Forbidden(e.to_string()))?;
    if !code.pins(&ca.fingerprint()) {
        return Err(Error::Forbidden(
            "this enrolment code was made by another hub; check the hub URL, or ask the network \
             lead for a code from this hub"
                .into(),
        ));
    }
    let code_hash = hash(&code.secret);
    let now = crate::store::now();
    let clinic: Clinic = match store.check_enrolment_code(&code_hash, now).await? {
        CodeStatus::Valid(c) => c,
        CodeStatus::Used => {
            return Err(Error::Forbidden(
                "this enrolment code has already been used; ask the network lead for a new one"
                    .into(),
            ));
        }
        CodeStatus::Expired => {
            return Err(Error::Forbidden(
                "this enrolment code has expired; ask the network lead for a new one".into(),
            ));
        }
        CodeStatus::Unknown => {
            tracing::warn!("enrolment refused: unknown code");
            return Err(Error::Forbidden(
                "this enrolment code is not known to the hub; check that it was copied whole"
                    .into(),
            ));
        }
        CodeStatus::ClinicRevoked => {
            return Err(Error::Forbidden(
                "the clinic this code was issued for has been revoked".into(),
            ));
        }
    };
    let signed = ca.sign_client(&request.csr_pem, &clinic.id, certificate_days)?;
    let issued = IssuedCertificate {
        serial: signed.serial,
        clinic: clinic.id.clone(),
        not_after: signed.not_after,
        revoked: false,
    };
    if !store.complete_enrolment(&code_hash, &issued, now).await? {
        return Err(Error::Forbidden(
            "this enrolment code was used by another request at the same moment; ask the \
             network lead for a new one"
                .into(),
        ));
    }
    tracing::info!(clinic = %clinic.id, "node enrolled");
    Ok(certificate(&clinic, signed.pem, ca, issued.not_after))
}

/// Sign a renewed certificate for an already authenticated clinic.
pub async fn renew(
    store: &dyn Store,
    ca: &Authority,
    clinic: &Clinic,
    csr_pem: &str,
    certificate_days: u32,
) -> Result<Certificate, Error> {
    let signed = ca.sign_client(csr_pem, &clinic.id, certificate_days)?;
    let issued = IssuedCertificate {
        serial: signed.serial,
        clinic: clinic.id.clone(),
        not_after: signed.not_after,
        revoked: false,
    };
    store
        .record_certificate(&issued, crate::store::now())
        .await?;
    tracing::info!(clinic = %clinic.id, "certificate renewed");
    Ok(certificate(clinic, signed.pem, ca, issued.not_after))
}

fn certificate(
    clinic: &Clinic,
    pem: String,
    ca: &Authority,
    not_after: DateTime<Utc>,
) -> Certificate {
    Certificate {
        protocol_version: ProtocolVersion,
        clinic: clinic.id.clone(),
        clinic_name: clinic.name.clone(),
        certificate_pem: pem,
        ca_pem: ca.cert_pem().to_owned(),
        not_after: not_after.to_rfc3339(),
        last_sequence: clinic.last_sequence,
    }
}
