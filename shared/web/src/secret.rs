//! Secrets: passwords hashed with argon2id, and the random tokens of sessions, API tokens and
//! set-password links, kept only as their SHA-256.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::Error;

/// The shortest password accepted, and the longest.
pub const MIN_PASSWORD: usize = 12;
pub const MAX_PASSWORD: usize = 256;

/// A new random secret: 32 bytes, as 64 hexadecimal characters, with a prefix that says what
/// it is (`tdm_` for API tokens), so a leaked one is easy to recognise.
pub fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

/// What is kept of a token: its SHA-256, in hexadecimal.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether a password may be used: long enough, not too long, and not the login itself.
/// There are no rules of composition: length protects, and password managers are welcome.
pub fn check_password(password: &str, login: &str) -> Result<(), Error> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        return Err(Error::Invalid(format!(
            "a password needs at least {MIN_PASSWORD} characters; a few words together make a \
             good one"
        )));
    }
    if n > MAX_PASSWORD {
        return Err(Error::Invalid(format!(
            "a password may have at most {MAX_PASSWORD} characters"
        )));
    }
    if password.trim().eq_ignore_ascii_case(login.trim()) {
        return Err(Error::Invalid(
            "the password may not be the login itself".into(),
        ));
    }
    Ok(())
}

/// Hash a password with argon2id (OWASP's parameters, the crate's default), off the async
/// threads: it takes tens of milliseconds on purpose.
pub async fn hash_password(password: String) -> Result<String, Error> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("cannot hash a password: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(format!("the hashing task failed: {e}")))?
}

/// A hash of no one's password, checked when a login names nobody, so that the time an answer
/// takes does not tell whether an account exists.
static NOBODY: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"no account has this password", &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Whether `password` matches `hash`; with no hash, the same work is done against a hash of
/// nobody's password and the answer is no.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let real = hash.is_some();
        let hash = hash.unwrap_or_else(|| NOBODY.clone());
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && real
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), Some(hash.clone())).await);
        assert!(!verify_password("Correct horse battery".into(), Some(hash)).await);
        assert!(!verify_password("no account has this password".into(), None).await);
    }

    #[test]
    fn passwords_are_long_and_not_the_login() {
        assert!(check_password("short", "ana").is_err());
        assert!(check_password("ana@clinic.org", "ana@clinic.org").is_err());
        assert!(check_password("twelve chars", "ana").is_ok());
        assert!(check_password(&"x".repeat(257), "ana").is_err());
    }

    #[test]
    fn tokens_are_random_and_kept_as_hashes() {
        let (a, b) = (random_token("tdm_"), random_token("tdm_"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 4 + 64);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}
