//! The one implementation of [`AccountStore`](super::AccountStore), written once and compiled
//! for each engine: the queries are the same SQL on SQLite and PostgreSQL (both number their
//! parameters `$1`, `$2`, …), read from the engine's reader and written through its writer.

/// Implement `AccountStore` for a type with `reader()` and `writer()` pools of one engine.
macro_rules! account_store {
    ($store:ty) => {
        #[async_trait]
        impl $crate::accounts::AccountStore for $store {
            async fn users(&self) -> Result<Vec<User>, Error> {
                let rows: Vec<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {USER_COLUMNS} FROM users u ORDER BY u.id"
                )))
                .fetch_all(self.reader())
                .await?;
                Ok(rows.into_iter().map(user).collect())
            }

            async fn user(&self, id: i64) -> Result<Option<User>, Error> {
                let row: Option<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"
                )))
                .bind(id)
                .fetch_optional(self.writer())
                .await?;
                Ok(row.map(user))
            }

            async fn user_by_login(&self, login: &str) -> Result<Option<User>, Error> {
                let row: Option<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {USER_COLUMNS} FROM users u WHERE u.login_key = $1"
                )))
                .bind(login_key(login))
                .fetch_optional(self.writer())
                .await?;
                Ok(row.map(user))
            }

            async fn add_user(&self, u: &NewUser<'_>, now: DateTime<Utc>) -> Result<User, Error> {
                let id: Result<i64, sqlx::Error> = sqlx::query_scalar(
                    "INSERT INTO users (login, login_key, display_name, role, clinic, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(u.login.trim())
                .bind(login_key(u.login))
                .bind(u.display_name.trim())
                .bind(u.role)
                .bind(u.clinic)
                .bind(now)
                // Every row, not the first: SQLite reports a failed commit (a full disk) only
                // to the step that ends the statement.
                .fetch_all(self.writer())
                .await
                .and_then(|ids: Vec<i64>| ids.into_iter().next().ok_or(sqlx::Error::RowNotFound));
                let id = match id {
                    Ok(id) => id,
                    Err(e) if unique_violation(&e) => {
                        return Err(Error::Conflict(format!(
                            "there is already an account for {}; change its role or send it a reset \
                             link instead",
                            u.login.trim()
                        )));
                    }
                    Err(e) => return Err(e.into()),
                };
                self.user(id)
                    .await?
                    .ok_or_else(|| Error::Internal("an account vanished as it was added".into()))
            }

            async fn set_role(&self, id: i64, role: &str, clinic: Option<&str>) -> Result<(), Error> {
                sqlx::query("UPDATE users SET role = $1, clinic = $2 WHERE id = $3")
                    .bind(role)
                    .bind(clinic)
                    .bind(id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn set_disabled(&self, id: i64, disabled: bool, now: DateTime<Utc>) -> Result<(), Error> {
                let mut tx = self.writer().begin().await?;
                sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
                    .bind(disabled.then_some(now))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                if disabled {
                    sqlx::query("DELETE FROM web_sessions WHERE user_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(
                        "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
                    )
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn password_hash(&self, id: i64) -> Result<Option<String>, Error> {
                Ok(
                    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                        .bind(id)
                        .fetch_optional(self.writer())
                        .await?
                        .flatten(),
                )
            }

            async fn set_password(&self, id: i64, hash: &str, now: DateTime<Utc>) -> Result<(), Error> {
                let mut tx = self.writer().begin().await?;
                sqlx::query("UPDATE users SET password_hash = $1, password_set_at = $2 WHERE id = $3")
                    .bind(hash)
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM web_sessions WHERE user_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn add_link(
                &self,
                user: i64,
                hash: &str,
                now: DateTime<Utc>,
                expires: DateTime<Utc>,
            ) -> Result<(), Error> {
                sqlx::query(
                    "INSERT INTO account_links (token_hash, user_id, created_at, expires_at)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(hash)
                .bind(user)
                .bind(now)
                .bind(expires)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn link(&self, hash: &str, now: DateTime<Utc>) -> Result<Option<i64>, Error> {
                Ok(sqlx::query_scalar(
                    "SELECT user_id FROM account_links
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
                )
                .bind(hash)
                .bind(now)
                .fetch_optional(self.writer())
                .await?)
            }

            async fn use_link(&self, hash: &str, now: DateTime<Utc>) -> Result<bool, Error> {
                let done = sqlx::query(
                    "UPDATE account_links SET used_at = $1
                     WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3",
                )
                .bind(now)
                .bind(hash)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn add_session(
                &self,
                hash: &str,
                user: i64,
                csrf: &str,
                now: DateTime<Utc>,
            ) -> Result<(), Error> {
                sqlx::query(
                    "INSERT INTO web_sessions (token_hash, user_id, csrf, created_at, last_seen_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(hash)
                .bind(user)
                .bind(csrf)
                .bind(now)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn session(&self, hash: &str) -> Result<Option<StoredSession>, Error> {
                type Row = (
                    i64,
                    String,
                    String,
                    String,
                    Option<String>,
                    bool,
                    bool,
                    DateTime<Utc>,
                    String,
                    DateTime<Utc>,
                    DateTime<Utc>,
                );
                let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {USER_COLUMNS}, s.csrf, s.created_at, s.last_seen_at
                     FROM web_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
                )))
                .bind(hash)
                .fetch_optional(self.writer())
                .await?;
                Ok(row.map(
                    |(a, b, c, d, e, f, g, h, csrf, created_at, last_seen_at)| StoredSession {
                        user: user((a, b, c, d, e, f, g, h)),
                        csrf,
                        created_at,
                        last_seen_at,
                    },
                ))
            }

            async fn touch_session(&self, hash: &str, now: DateTime<Utc>) -> Result<(), Error> {
                sqlx::query("UPDATE web_sessions SET last_seen_at = $1 WHERE token_hash = $2")
                    .bind(now)
                    .bind(hash)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn end_session(&self, hash: &str) -> Result<(), Error> {
                sqlx::query("DELETE FROM web_sessions WHERE token_hash = $1")
                    .bind(hash)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn add_token(
                &self,
                user: i64,
                name: &str,
                hash: &str,
                now: DateTime<Utc>,
            ) -> Result<i64, Error> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)
                     RETURNING id",
                )
                .bind(user)
                .bind(name)
                .bind(hash)
                .bind(now)
                .fetch_all(self.writer())
                .await?
                .pop()
                .ok_or(sqlx::Error::RowNotFound)?)
            }

            async fn token(&self, hash: &str) -> Result<Option<(i64, User, Option<DateTime<Utc>>)>, Error> {
                type Row = (
                    i64,
                    Option<DateTime<Utc>>,
                    i64,
                    String,
                    String,
                    String,
                    Option<String>,
                    bool,
                    bool,
                    DateTime<Utc>,
                );
                let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT t.id, t.last_used_at, {USER_COLUMNS} FROM api_tokens t
                     JOIN users u ON u.id = t.user_id
                     WHERE t.token_hash = $1 AND t.revoked_at IS NULL"
                )))
                .bind(hash)
                .fetch_optional(self.writer())
                .await?;
                Ok(row.map(|(t, used, a, b, c, d, e, f, g, h)| {
                    (t, user((a, b, c, d, e, f, g, h)), used)
                }))
            }

            async fn tokens(&self, user: i64) -> Result<Vec<TokenInfo>, Error> {
                let rows: Vec<(i64, String, DateTime<Utc>, Option<DateTime<Utc>>, bool)> = sqlx::query_as(
                    "SELECT id, name, created_at, last_used_at, revoked_at IS NOT NULL
                         FROM api_tokens WHERE user_id = $1 ORDER BY id",
                )
                .bind(user)
                .fetch_all(self.reader())
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, name, created_at, last_used_at, revoked)| TokenInfo {
                        id,
                        name,
                        created_at,
                        last_used_at,
                        revoked,
                    })
                    .collect())
            }

            async fn touch_token(&self, id: i64, now: DateTime<Utc>) -> Result<(), Error> {
                sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn revoke_token(&self, user: i64, id: i64, now: DateTime<Utc>) -> Result<bool, Error> {
                let done = sqlx::query(
                    "UPDATE api_tokens SET revoked_at = $1
                     WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
                )
                .bind(now)
                .bind(id)
                .bind(user)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn add_login_failure(
                &self,
                login_key: &str,
                address: &str,
                now: DateTime<Utc>,
            ) -> Result<(), Error> {
                sqlx::query("INSERT INTO login_failures (at, login_key, address) VALUES ($1, $2, $3)")
                    .bind(now)
                    .bind(login_key)
                    .bind(address)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn login_failures(
                &self,
                login_key: &str,
                address: &str,
                since: DateTime<Utc>,
            ) -> Result<(Vec<DateTime<Utc>>, Vec<DateTime<Utc>>), Error> {
                let by_login: Vec<DateTime<Utc>> = sqlx::query_scalar(
                    "SELECT at FROM login_failures WHERE login_key = $1 AND at > $2 ORDER BY at",
                )
                .bind(login_key)
                .bind(since)
                .fetch_all(self.writer())
                .await?;
                let by_address: Vec<DateTime<Utc>> = sqlx::query_scalar(
                    "SELECT at FROM login_failures WHERE address = $1 AND at > $2 ORDER BY at",
                )
                .bind(address)
                .bind(since)
                .fetch_all(self.writer())
                .await?;
                Ok((by_login, by_address))
            }

            async fn clear_login_failures(&self, login_key: &str) -> Result<(), Error> {
                sqlx::query("DELETE FROM login_failures WHERE login_key = $1")
                    .bind(login_key)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn audit(
                &self,
                actor: &str,
                action: &str,
                object: &str,
                detail: &str,
                now: DateTime<Utc>,
            ) -> Result<(), Error> {
                sqlx::query(
                    "INSERT INTO audit_log (at, actor, action, object, detail) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(now)
                .bind(actor)
                .bind(action)
                .bind(object)
                .bind(detail)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, Error> {
                let rows: Vec<(i64, DateTime<Utc>, String, String, String, String)> = sqlx::query_as(
                    "SELECT id, at, actor, action, object, detail FROM audit_log
                     ORDER BY id DESC LIMIT $1",
                )
                .bind(i64::from(limit))
                .fetch_all(self.reader())
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, at, actor, action, object, detail)| AuditEntry {
                        id,
                        at,
                        actor,
                        action,
                        object,
                        detail,
                    })
                    .collect())
            }
        }
    };
}

pub(super) use account_store;
