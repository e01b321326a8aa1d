//! One-time enrolment codes, and issuing certificates against them.
//!
//! A code looks like `7KQ2-M9XD-4WPM-R8TA-V3NE.3f9a…`: twenty random characters (100 bits),
//! then the first 32 hex digits of the hub CA's SHA-256 fingerprint. The node checks the CA it
//! downloads against that fingerprint before trusting it, so the code is also the node's pin.
//! Only a hash of the secret part is stored; it is single use and expires.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sha2::{Digest, Sha256};
use tandem_shared::model::ClinicId;
use tandem_shared::protocol::{Certificate, EnrolRequest, ProtocolVersion};

use super::ca::Authority;
use crate::Error;
use crate::store::{Clinic, CodeStatus, IssuedCertificate, Store};

const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SECRET_CHARS: usize = 20;
const PIN_HEX: usize = 32;

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

/// Split a code into its normalised secret and CA pin, or explain the expected form.
fn parse(code: &str) -> Result<(String, String), Error> {
    let bad = || {
        Error::Forbidden(
            "the enrolment code is not in the expected form (five groups of four characters, a \
             dot, then 32 hex digits); copy it again from the network lead's message"
                .into(),
        )
    };
    let (secret, pin) = code.trim().split_once('.').ok_or_else(bad)?;
    let secret: String = secret
        .chars()
        .filter(|c| *c != '-' && !c.is_whitespace())
        .map(|c| match c.to_ascii_uppercase() {
            // Crockford's base 32: letters that look like digits are read as those digits.
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    let pin = pin.trim().to_ascii_lowercase();
    if secret.len() != SECRET_CHARS
        || !secret.bytes().all(|b| ALPHABET.contains(&b))
        || pin.len() != PIN_HEX
        || !pin.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Err(bad());
    }
    Ok((secret, pin))
}

/// The CA pin inside a code, for the node to check the hub's CA against.
pub fn pin_of(code: &str) -> Result<String, Error> {
    parse(code).map(|(_, pin)| pin)
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
    let mut rng = rand::rng();
    let secret: String = (0..SECRET_CHARS)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    let now = Utc::now();
    let expires_at = now + Duration::hours(i64::from(valid_for_hours));
    store
        .add_enrolment_code(clinic, &hash(&secret), expires_at, now)
        .await?;
    let grouped: Vec<String> = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    Ok(IssuedCode {
        code: format!("{}.{}", grouped.join("-"), &ca.fingerprint()[..PIN_HEX]),
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
    store.create_clinic(id, name.trim(), Utc::now()).await?;
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
    let (secret, pin) = parse(&request.code)?;
    if !ca.fingerprint().starts_with(&pin) {
        return Err(Error::Forbidden(
            "this enrolment code was made by another hub; check the hub URL, or ask the network \
             lead for a code from this hub"
                .into(),
        ));
    }
    let code_hash = hash(&secret);
    let now = Utc::now();
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
    store.record_certificate(&issued, Utc::now()).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_leniently_but_must_be_whole() {
        let pin = "0123456789abcdef0123456789abcdef";
        let (secret, p) = parse(&format!(" 7kq2-m9xd-4wpl-r8ta-v3ne.{pin} ")).unwrap();
        assert_eq!(secret, "7KQ2M9XD4WP1R8TAV3NE");
        assert_eq!(p, pin);
        for bad in [
            "",
            "7KQ2-M9XD",
            "7KQ2-M9XD-4WPL-R8TA-V3NE.123",
            "7KQ2-M9XD-4WPL-R8TA-V3NU.0123456789abcdef0123456789abcdef",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
