//! The hub's own certificate authority. It signs each enrolled node's client certificate and
//! the federation listener's server certificate. Its key lives in the data directory, readable
//! only by the hub's user, and never in the database.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rand::RngCore;
use rcgen::{
    BasicConstraints, CertificateParams, CertificateSigningRequestParams, DistinguishedName,
    DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose, SerialNumber,
};
use rustls::RootCertStore;
use rustls::server::WebPkiClientVerifier;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sha2::{Digest, Sha256};
use tandem_shared::model::ClinicId;

use crate::Error;

/// A certificate the authority signed.
#[derive(Debug, Clone)]
pub struct Signed {
    pub pem: String,
    /// Hex of the certificate's serial number, as the hub records it.
    pub serial: String,
    pub not_after: DateTime<Utc>,
}

/// The hub's CA: its key, its certificate, and what it signs.
pub struct Authority {
    issuer: Issuer<'static, KeyPair>,
    cert_pem: String,
    cert_der: CertificateDer<'static>,
}

impl std::fmt::Debug for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authority")
            .field("fingerprint", &self.fingerprint())
            .finish_non_exhaustive()
    }
}

fn tls_error(what: &str) -> impl FnOnce(rcgen::Error) -> Error + '_ {
    move |e| Error::Tls(format!("{what}: {e}"))
}

fn offset(t: DateTime<Utc>) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(t.timestamp())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// A random positive serial number, so that renewals of the same key get distinct serials.
fn random_serial() -> (SerialNumber, String) {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes[0] = (bytes[0] & 0x7f).max(1);
    (SerialNumber::from_slice(&bytes), hex::encode(bytes))
}

/// Write a key or certificate file atomically with the given permissions.
fn write_private(path: &Path, contents: &str, mode: u32) -> Result<(), Error> {
    tandem_service::files::write_atomic(path, contents, mode)
        .map_err(Error::io(format!("cannot write {}", path.display())))
}

impl Authority {
    /// Load the CA from `dir`, or create it there on first start.
    pub fn load_or_create(dir: &Path, network: &str) -> Result<Self, Error> {
        let key_path: PathBuf = dir.join("ca.key");
        let cert_path: PathBuf = dir.join("ca.crt");
        if key_path.exists() != cert_path.exists() {
            let (present, missing) = if key_path.exists() {
                (&key_path, &cert_path)
            } else {
                (&cert_path, &key_path)
            };
            return Err(Error::Config(format!(
                "{} exists but {} does not; restore both files of the CA from the same backup \
                 (a new CA would lock every enrolled node out)",
                present.display(),
                missing.display()
            )));
        }
        if key_path.exists() {
            let mode = fs::metadata(&key_path)
                .map_err(Error::io(format!("cannot read {}", key_path.display())))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(Error::Config(format!(
                    "the CA key {} can be read by other users (mode {:o}); run `chmod 600 {}`",
                    key_path.display(),
                    mode & 0o777,
                    key_path.display()
                )));
            }
            let key_pem = fs::read_to_string(&key_path)
                .map_err(Error::io(format!("cannot read {}", key_path.display())))?;
            let cert_pem = fs::read_to_string(&cert_path)
                .map_err(Error::io(format!("cannot read {}", cert_path.display())))?;
            let key = KeyPair::from_pem(&key_pem).map_err(tls_error("the CA key is unreadable"))?;
            let issuer = Issuer::from_ca_cert_pem(&cert_pem, key)
                .map_err(tls_error("the CA certificate is unreadable"))?;
            let cert_der = pem_to_der(&cert_pem)?;
            return Ok(Self {
                issuer,
                cert_pem,
                cert_der,
            });
        }
        fs::create_dir_all(dir).map_err(Error::io(format!("cannot create {}", dir.display())))?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(Error::io(format!("cannot restrict {}", dir.display())))?;
        let key = KeyPair::generate().map_err(tls_error("cannot make the CA key"))?;
        let mut params = CertificateParams::default();
        let mut name = DistinguishedName::new();
        name.push(DnType::CommonName, format!("Tandem hub CA: {network}"));
        name.push(DnType::OrganizationName, network);
        params.distinguished_name = name;
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let now = Utc::now();
        params.not_before = offset(now - chrono::Duration::hours(1));
        params.not_after = offset(now + chrono::Duration::days(3650));
        params.serial_number = Some(random_serial().0);
        let cert = params
            .self_signed(&key)
            .map_err(tls_error("cannot make the CA certificate"))?;
        write_private(&key_path, &key.serialize_pem(), 0o600)?;
        write_private(&cert_path, &cert.pem(), 0o644)?;
        Ok(Self {
            cert_pem: cert.pem(),
            cert_der: cert.der().clone(),
            issuer: Issuer::new(params, key),
        })
    }

    /// The CA certificate, PEM.
    pub fn cert_pem(&self) -> &str {
        &self.cert_pem
    }

    /// SHA-256 of the CA certificate, hex. Enrolment codes carry its first 32 digits so that
    /// a node can pin the right CA on first contact.
    pub fn fingerprint(&self) -> String {
        hex::encode(Sha256::digest(&self.cert_der))
    }

    /// Sign a client certificate for a clinic's node. Only the request's public key is used:
    /// the name, validity and usages are the hub's.
    pub fn sign_client(
        &self,
        csr_pem: &str,
        clinic: &ClinicId,
        days: u32,
    ) -> Result<Signed, Error> {
        let csr = CertificateSigningRequestParams::from_pem(csr_pem).map_err(|e| {
            Error::Request(Box::new(tandem_shared::protocol::Problem::new(
                422,
                "invalid-csr",
                "Invalid certificate signing request",
                format!("the certificate signing request cannot be used: {e}"),
            )))
        })?;
        let mut params = CertificateParams::default();
        let mut name = DistinguishedName::new();
        name.push(DnType::CommonName, clinic.as_str());
        params.distinguished_name = name;
        let now = Utc::now();
        let not_after = now + chrono::Duration::days(i64::from(days));
        params.not_before = offset(now - chrono::Duration::minutes(5));
        params.not_after = offset(not_after);
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        params.use_authority_key_identifier_extension = true;
        let (serial, serial_hex) = random_serial();
        params.serial_number = Some(serial);
        let cert = params
            .signed_by(&csr.public_key, &self.issuer)
            .map_err(tls_error("cannot sign the client certificate"))?;
        Ok(Signed {
            pem: cert.pem(),
            serial: serial_hex,
            not_after: DateTime::from_timestamp(offset(not_after).unix_timestamp(), 0)
                .unwrap_or(not_after),
        })
    }

    /// Sign `message` with the CA's key (ECDSA P-256 with SHA-256, DER), so that a node can
    /// check it came from its network's hub whatever carried it: the definitions.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, Error> {
        use rcgen::SigningKey;
        self.issuer
            .key()
            .sign(message)
            .map_err(tls_error("cannot sign with the CA key"))
    }

    /// The federation listener's TLS configuration: a fresh server certificate for
    /// `hostnames`, and client certificates verified against this CA when presented. Routes
    /// other than enrolment refuse requests without one.
    pub fn server_config(&self, hostnames: &[String]) -> Result<Arc<rustls::ServerConfig>, Error> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let key = KeyPair::generate().map_err(tls_error("cannot make the server key"))?;
        let mut params = CertificateParams::new(hostnames.to_vec())
            .map_err(tls_error("a federation hostname is not valid"))?;
        let mut name = DistinguishedName::new();
        name.push(DnType::CommonName, "Tandem hub federation");
        params.distinguished_name = name;
        let now = Utc::now();
        params.not_before = offset(now - chrono::Duration::hours(1));
        params.not_after = offset(now + chrono::Duration::days(397));
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        params.serial_number = Some(random_serial().0);
        let cert = params
            .signed_by(&key, &self.issuer)
            .map_err(tls_error("cannot sign the server certificate"))?;
        let mut roots = RootCertStore::empty();
        roots
            .add(self.cert_der.clone())
            .map_err(|e| Error::Tls(format!("the CA certificate cannot be trusted: {e}")))?;
        let verifier =
            WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .allow_unauthenticated()
                .build()
                .map_err(|e| Error::Tls(format!("cannot build the client verifier: {e}")))?;
        let key_der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Tls(format!("TLS versions: {e}")))?
            .with_client_cert_verifier(verifier)
            .with_single_cert(vec![cert.der().clone(), self.cert_der.clone()], key_der)
            .map_err(|e| Error::Tls(format!("cannot use the server certificate: {e}")))?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

fn pem_to_der(pem: &str) -> Result<CertificateDer<'static>, Error> {
    use rustls_pki_types::pem::PemObject;
    CertificateDer::from_pem_slice(pem.as_bytes())
        .map_err(|e| Error::Tls(format!("the CA certificate is not PEM: {e}")))
}

/// What the hub reads from a verified client certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerName {
    pub clinic: String,
    pub serial: String,
}

/// Read the clinic id and serial from a client certificate that rustls already verified.
pub fn peer_name(der: &[u8]) -> Option<PeerName> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    let clinic = cert
        .subject()
        .iter_common_name()
        .next()?
        .as_str()
        .ok()?
        .to_owned();
    Some(PeerName {
        clinic,
        serial: hex::encode(cert.tbs_certificate.raw_serial()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ca_survives_a_restart_and_its_key_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let ca = Authority::load_or_create(dir.path(), "Test network").unwrap();
        let again = Authority::load_or_create(dir.path(), "Test network").unwrap();
        assert_eq!(ca.fingerprint(), again.fingerprint());
        let mode = fs::metadata(dir.path().join("ca.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        fs::set_permissions(dir.path().join("ca.key"), fs::Permissions::from_mode(0o644)).unwrap();
        let err = Authority::load_or_create(dir.path(), "Test network").unwrap_err();
        assert!(err.to_string().contains("chmod 600"), "{err}");
        // Half a CA is refused rather than replaced: nodes pin the old one.
        fs::set_permissions(dir.path().join("ca.key"), fs::Permissions::from_mode(0o600)).unwrap();
        fs::remove_file(dir.path().join("ca.crt")).unwrap();
        let err = Authority::load_or_create(dir.path(), "Test network").unwrap_err();
        assert!(err.to_string().contains("restore both files"), "{err}");
        assert!(dir.path().join("ca.key").exists(), "the key is kept");
    }

    #[test]
    fn a_signed_client_certificate_names_the_clinic_not_the_request() {
        let dir = tempfile::tempdir().unwrap();
        let ca = Authority::load_or_create(dir.path(), "Test network").unwrap();
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::default();
        params
            .distinguished_name
            .push(DnType::CommonName, "someone-else");
        let csr = params.serialize_request(&key).unwrap().pem().unwrap();
        let clinic = ClinicId::new("riverside").unwrap();
        let signed = ca.sign_client(&csr, &clinic, 90).unwrap();
        let der = pem_to_der(&signed.pem).unwrap();
        let name = peer_name(&der).unwrap();
        assert_eq!(name.clinic, "riverside");
        assert_eq!(name.serial, signed.serial);
        let days = (signed.not_after - Utc::now()).num_days();
        assert!((89..=90).contains(&days), "{days}");
        assert!(ca.sign_client("not a csr", &clinic, 90).is_err());
    }
}
