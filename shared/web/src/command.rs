//! The `user` and `token` commands both binaries have: adding the first person (and others),
//! reset links, the list of people, and personal API tokens for scripts.

use clap::Subcommand;

use crate::accounts::User;
use crate::people::{add_account, audit, create_token, issue_link};
use crate::{Error, Site, Web};

/// Who the audit log names for what is done on the command line.
pub const ACTOR: &str = "command line";

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a person and print the one-time link that sets their password.
    Add {
        /// What they log in with: an e-mail address on the hub, a name on a node.
        login: String,
        /// Their role (the hub: admin, lead or member; a node: lead, member or partner).
        #[arg(long)]
        role: String,
        /// Their name as others read it (default: the login).
        #[arg(long, default_value = "")]
        name: String,
        /// The clinic a hub's clinic member belongs to (its id).
        #[arg(long)]
        clinic: Option<String>,
    },
    /// Print a new one-time set-password link for a person (a forgotten password).
    Reset { login: String },
    /// List the people.
    List,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a personal API token for a person and print it (shown only this once).
    Create {
        /// The login of the person the token acts as.
        #[arg(long)]
        user: String,
        /// What the token is for, so that it can be recognised and revoked.
        #[arg(long, default_value = "command line")]
        name: String,
    },
}

async fn person(web: &Web, login: &str) -> Result<User, Error> {
    web.accounts.user_by_login(login).await?.ok_or_else(|| {
        Error::NotFound(format!(
            "there is no person with the login {login:?}; add them with `user add`"
        ))
    })
}

/// Run a `user` command; what it prints goes to standard output.
pub async fn user<S: Site>(site: &S, command: UserCommand) -> Result<(), Error> {
    let web = site.web();
    let hours = web.config.link_lifetime.num_hours();
    match command {
        UserCommand::Add {
            login,
            role,
            name,
            clinic,
        } => {
            let (user, link) =
                add_account(site, ACTOR, &login, &name, &role, clinic.as_deref()).await?;
            println!("added {} ({})", user.login, user.role);
            println!("set-password link (works once, for {hours} hours):");
            println!("{link}");
        }
        UserCommand::Reset { login } => {
            let user = person(web, &login).await?;
            let link = issue_link(web, &user).await?;
            audit(web, ACTOR, "reset-link-issued", &user.login, "").await;
            println!(
                "set-password link for {} (works once, for {hours} hours):",
                user.login
            );
            println!("{link}");
        }
        UserCommand::List => {
            for u in web.accounts.users().await? {
                let state = if u.disabled {
                    "disabled"
                } else if u.has_password {
                    "active"
                } else {
                    "invited"
                };
                println!(
                    "{}\t{}\t{}\t{state}",
                    u.login,
                    u.role,
                    u.clinic.as_deref().unwrap_or("-")
                );
            }
        }
    }
    Ok(())
}

/// Run a `token` command: the token on standard output, what it is on standard error.
pub async fn token(web: &Web, command: TokenCommand) -> Result<(), Error> {
    let TokenCommand::Create { user, name } = command;
    let user = person(web, &user).await?;
    if user.disabled {
        return Err(Error::Forbidden(format!(
            "{} is disabled; enable the account first",
            user.login
        )));
    }
    let token = create_token(web, &user, &name).await?;
    audit(web, ACTOR, "token-created", name.trim(), &user.login).await;
    println!("{token}");
    eprintln!(
        "This token acts as {}; it is shown only this once. Send it as `Authorization: Bearer \
         <token>`, and revoke it on the account page when it is no longer needed.",
        user.login
    );
    Ok(())
}
