//! Migrations embedded in the binary, for either database engine, and what their failures mean.

use sqlx::SqlSafeStr;
use sqlx::migrate::{MigrateError, Migration, MigrationType, Migrator};

/// Migrations from embedded SQL: (version, description, SQL).
pub fn migrator(migrations: &[(i64, &'static str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        migrations
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    description.into(),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

/// Turn a migration failure into a message that says what to do. `program` names the binary.
pub fn migration_error(e: MigrateError, program: &str) -> String {
    match e {
        MigrateError::VersionMissing(v) => format!(
            "the database was migrated by a newer version of {program} (it has migration {v}, \
             which this version does not know); run the newer version, or restore a backup made \
             before the upgrade"
        ),
        MigrateError::VersionMismatch(v) => format!(
            "migration {v} in the database differs from the one built into this {program}; the \
             database was changed by hand or by another build"
        ),
        other => format!("the database could not be migrated: {other}"),
    }
}
