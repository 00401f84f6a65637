//! A user of the generated models, written the way an application would use them: it opens
//! sessions in code, decides what each status means (including statuses the docs do not list
//! yet), and writes and reads the JSON that goes over the wire.

use models::support::OptionalNullable;
use models::{Session, SessionActivityResponse, SessionObject, Status};

/// How long a new session lives, in seconds.
pub const LIFETIME: i64 = 7 * 24 * 60 * 60;

/// After how long a session counts as abandoned, in seconds.
pub const ABANDON_AFTER: i64 = 30 * 24 * 60 * 60;

/// A new active session for `user_id` on `client_id`, created at `now` (Unix seconds). The
/// optional fields are absent: they are left out of the JSON.
pub fn open_session(id: &str, user_id: &str, client_id: &str, now: i64) -> Session {
    Session::new(
        SessionObject::Session,
        id,
        user_id,
        client_id,
        Status::Active,
        now,
        now + LIFETIME,
        now + ABANDON_AFTER,
        now,
        now,
    )
}

/// A new session opened inside an organization, for a user already signed in elsewhere:
/// the optional fields are set with the setters, the rest stays absent.
pub fn open_session_in(
    organization: &str,
    id: &str,
    user_id: &str,
    client_id: &str,
    now: i64,
) -> Session {
    open_session(id, user_id, client_id, now)
        .with_last_active_organization_id(organization)
        .with_latest_activity(
            SessionActivityResponse::new("session_activity", format!("{id}_activity"), false)
                .with_browser_name("Firefox"),
        )
}

/// A session opened for a user who belongs to no organization: the field is sent as `null`.
pub fn open_personal_session(id: &str, user_id: &str, client_id: &str, now: i64) -> Session {
    open_session(id, user_id, client_id, now).with_last_active_organization_id_null()
}

/// A status typed by an administrator (a filter, a command line). Never fails: a status the
/// docs do not list yet is kept as it was typed.
pub fn parse_status(text: &str) -> Status {
    match text.trim().parse() {
        Ok(status) => status,
        Err(never) => match never {},
    }
}

/// The statuses a filter offers, in the order of the docs, and whether each is usable.
pub fn status_filter() -> Vec<(&'static str, bool)> {
    Status::ALL
        .iter()
        .zip(Status::VALUES)
        .map(|(status, text)| (*text, is_usable(status)))
        .collect()
}

/// Switches the active organization: `Some(id)` sends the id, `None` sends `null` (the user
/// left every organization), which is not the same as not sending the field.
pub fn switch_organization(session: &mut Session, organization: Option<&str>, now: i64) {
    session.last_active_organization_id = organization.map(str::to_owned).into();
    session.updated_at = now;
}

/// Records what the user was doing at `now`.
pub fn record_activity(session: &mut Session, activity: SessionActivityResponse, now: i64) {
    session.latest_activity = OptionalNullable::Value(activity);
    session.last_active_at = now;
    session.updated_at = now;
}

/// Ends a session at `now`.
pub fn end_session(session: &mut Session, now: i64) {
    session.status = Status::Ended;
    session.updated_at = now;
}

/// What a session says about its active organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Organization<'a> {
    /// The field was not sent: nothing is known.
    NotSent,
    /// The field was `null`: the user has no active organization.
    Cleared,
    /// The active organization.
    Id(&'a str),
}

/// The active organization of a session, telling apart a field not sent and a `null`.
pub fn organization(session: &Session) -> Organization<'_> {
    match &session.last_active_organization_id {
        OptionalNullable::Absent => Organization::NotSent,
        OptionalNullable::Null => Organization::Cleared,
        OptionalNullable::Value(id) => Organization::Id(id),
    }
}

/// Whether a session in this status may still be used. A status the docs do not list is not
/// trusted, except `"resumed"`, which the server sends before the docs list it: it is matched
/// on its text, so the match keeps working once the docs list it and it gets a variant of
/// its own (a match on the `Unknown` payload would then silently stop matching).
pub fn is_usable(status: &Status) -> bool {
    if status.as_str() == "resumed" {
        return true;
    }
    match status {
        Status::Active | Status::Pending => true,
        Status::Revoked
        | Status::Ended
        | Status::Expired
        | Status::Removed
        | Status::Abandoned
        | Status::Replaced => false,
        Status::Unknown(_) => false,
    }
}

/// A sentence for the user about this status. The match names every status the docs list,
/// so a new one in the docs is a compile error here, and keeps the values a server added since.
pub fn describe(status: &Status) -> String {
    let text = match status {
        Status::Active => "signed in",
        Status::Pending => "waiting for a second factor",
        Status::Revoked => "signed out by an administrator",
        Status::Ended => "signed out",
        Status::Expired => "expired, sign in again",
        Status::Removed => "removed",
        Status::Abandoned => "closed after a long time without activity",
        Status::Replaced => "replaced by a newer session",
        Status::Unknown(other) => return format!("in a state this app does not know: `{other}`"),
    };
    text.to_owned()
}

/// The JSON of a session, as sent to the server.
pub fn to_json(session: &Session) -> serde_json::Result<String> {
    serde_json::to_string(session)
}

/// A session received from the server.
pub fn from_json(text: &str) -> serde_json::Result<Session> {
    serde_json::from_str(text)
}
