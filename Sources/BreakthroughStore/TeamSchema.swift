/// The team ledger's tables and the rules the server keeps, whatever client writes: numbers
/// gapless, the ledger append-only (even for the owner), and each event said by the member
/// whose login it came from.
enum TeamSchema {
  /// The version this build creates and understands; an older schema is upgraded by `store init`.
  static let version = 1

  /// Creates or upgrades the schema, in one transaction; running it again changes nothing.
  static let statements: [String] = [
    """
    create table if not exists breakthrough_meta (key text primary key, value text not null)
    """,
    """
    create table if not exists members (handle text primary key, role name not null unique)
    """,
    """
    create table if not exists events (
      seq bigint primary key check (seq > 0),
      id text not null unique,
      kind text not null,
      label text unique,
      actor text not null,
      line json not null,
      written_at timestamptz not null default clock_timestamp(),
      written_by name not null default session_user
    )
    """,
    // A row is accepted only as the next one, so a reader never misses a row that commits
    // late; and only as said by the member the login belongs to (the owner may import).
    """
    create or replace function breakthrough_append_check() returns trigger language plpgsql as $$
    declare
      expected bigint;
      member text;
      said_by text;
    begin
      select coalesce(max(seq), 0) + 1 into expected from events;
      if new.seq <> expected then
        raise exception 'event % is not the next one (% is): another member appended first', new.seq, expected
          using errcode = '40001';
      end if;
      new.written_at := clock_timestamp();
      new.written_by := session_user;
      if current_setting('breakthrough.importing', true) = 'on'
         and session_user = (select value from breakthrough_meta where key = 'owner') then
        return new;
      end if;
      select m.handle into member from members m where m.role = session_user;
      if member is null then
        raise exception 'the login % is not a member of this team ledger', session_user
          using errcode = '42501', hint = 'the owner adds it with: breakthrough store member add HANDLE --role ' || session_user;
      end if;
      said_by := substring(new.line::text from '^\\{"v":[0-9]+,"id":"[^"\\\\]*","at":"[^"\\\\]*","actor":("(?:[^"\\\\]|\\\\.)*"),');
      if new.actor <> member or said_by is distinct from to_json(member)::text then
        raise exception 'you are % on this team ledger: an event said by % cannot be recorded by you',
          member, coalesce(said_by::json #>> '{}', new.actor)
          using errcode = '42501';
      end if;
      return new;
    end $$
    """,
    """
    create or replace function breakthrough_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the ledger is append-only: events are never changed or removed'
        using errcode = '42501', hint = 'record a new event instead (undo is a compensating event)';
    end $$
    """,
    """
    create or replace function breakthrough_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('breakthrough', (select max(seq) from events)::text);
      return null;
    end $$
    """,
    "drop trigger if exists events_append_check on events",
    "create trigger events_append_check before insert on events for each row execute function breakthrough_append_check()",
    "drop trigger if exists events_append_only on events",
    "create trigger events_append_only before update or delete on events for each row execute function breakthrough_append_only()",
    "drop trigger if exists events_no_truncate on events",
    "create trigger events_no_truncate before truncate on events for each statement execute function breakthrough_append_only()",
    "drop trigger if exists events_notify on events",
    "create trigger events_notify after insert on events for each statement execute function breakthrough_notify()",
    "revoke all on events, members, breakthrough_meta from public",
    "insert into breakthrough_meta (key, value) values ('owner', session_user) on conflict (key) do nothing",
  ]

  /// Grants a member's login what a member may do: read everything, add events.
  static func grants(to role: String) -> [String] {
    let quoted = quotedIdentifier(role)
    return [
      "grant select, insert on events to \(quoted)",
      "grant select on members, breakthrough_meta to \(quoted)",
    ]
  }

  /// A role name as SQL writes an identifier: in double quotes, inner quotes doubled.
  static func quotedIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One row of `events`: the line as written, with the columns the server checks beside it.
  struct Row {
    let id: String
    let kind: String
    /// The number the event gives out (P12), if any: unique at the server.
    let label: String?
    let actor: String
    let line: String
  }

  /// Inserts `rows` as events `first`, `first + 1`, … in one statement.
  static func insert(_ rows: ArraySlice<Row>, first: Int, on connection: PostgresConnection) throws(PostgresFailure) {
    guard !rows.isEmpty else { return }
    var placeholders: [String] = []
    var parameters: [String?] = []
    for (offset, row) in rows.enumerated() {
      let base = offset * 6
      placeholders.append("($\(base + 1), $\(base + 2), $\(base + 3), $\(base + 4), $\(base + 5), $\(base + 6)::json)")
      parameters += [String(first + offset), row.id, row.kind, row.label, row.actor, row.line]
    }
    try connection.execute(
      "insert into events (seq, id, kind, label, actor, line) values " + placeholders.joined(separator: ", "), parameters)
  }
}
