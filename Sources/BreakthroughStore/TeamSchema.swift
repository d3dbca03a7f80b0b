import BreakthroughCore

/// The team ledger's tables and the rules the server keeps, whatever client writes: numbers
/// gapless (rows and each kind of label), the ledger append-only (even for the owner), each
/// event said by the member whose login it came from, and each row chained to the one before
/// by a hash, so that a change to the past is seen.
///
/// Every function pins its search path (`pg_catalog`, the ledger's schema, `pg_temp` last),
/// so that no member's temporary table, view or function can stand in for the ledger's own.
/// Members may read the tables and call `breakthrough_append`; only that function, running as
/// the owner, adds events.
enum TeamSchema {
  /// The version this build creates and understands; an older schema is upgraded by `store init`.
  static let version = 3

  /// The table of settings, made first so that the version can be read before anything else.
  static let metaTable = "create table if not exists breakthrough_meta (key text primary key, value text not null)"

  /// What an upgrade from `version` changes, said to the owner who runs `store init`.
  static func upgrades(from version: Int) -> [String] {
    let toTwo = [
      "each event now carries a hash chained to the one before (computed for the events already there)",
      "members add events only through the ledger's own functions, which wait at most 5 s for the writers' lock",
      "the next number of each kind (P, R, E) is checked by the server",
      "every rule's function reads only the ledger's own tables (search path pinned, temporary objects last)",
      "members may no longer make temporary tables in this database",
      "an import is taken only from the owner, into an empty ledger",
    ]
    let toThree = [
      "a write is one call to breakthrough_write, which hands back what the writer had not yet read instead of a failure"
    ]
    return (version < 2 ? toTwo : []) + toThree
  }

  /// The functions a member calls, with their arguments, as GRANT and REVOKE name them.
  static let memberFunctions =
    "breakthrough_append(bigint, text[], text[], text[], text[], text[]), "
    + "breakthrough_write(bigint, text[], text[], text[], text[], text[]), breakthrough_lock()"

  /// Creates or upgrades the schema named `schema` (as `current_schema()` gives it), in one
  /// transaction; running it again changes nothing.
  static func statements(schema: String) -> [String] {
    let pinned = "set search_path = pg_catalog, \(quotedIdentifier(schema)), pg_temp"
    return [
      metaTable,
      "create table if not exists members (handle text primary key, role name not null unique)",
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
      "alter table events add column if not exists hash bytea",
      // The last number given out of each kind, so that checking the next costs one lookup.
      "create table if not exists breakthrough_numbers (prefix text primary key, last bigint not null)",
      // Locked by the writer that appends; members have no right to lock it themselves.
      "create table if not exists breakthrough_writer (one boolean primary key default true check (one))",
      "insert into breakthrough_writer values (true) on conflict do nothing",
      // An upgrade: the triggers go first, so that the hashes of the rows already there can be written.
      "drop trigger if exists events_append_check on events",
      "drop trigger if exists events_append_only on events",
      "drop trigger if exists events_no_truncate on events",
      "drop trigger if exists events_notify on events",
      """
      do $$
      declare
        previous bytea := ''::bytea;
        r record;
      begin
        for r in select e.seq, e.line, e.hash from events e order by e.seq loop
          if r.hash is null then
            update events set hash = sha256(previous || convert_to(r.line::text, 'UTF8')) where seq = r.seq
              returning hash into previous;
          else
            previous := r.hash;
          end if;
        end loop;
      end $$
      """,
      "alter table events alter column hash set not null",
      """
      insert into breakthrough_numbers (prefix, last)
        select substring(label from 1 for 1), max(substring(label from 2)::bigint) from events
        where label ~ '^[A-Z][1-9][0-9]{0,17}$' group by 1
        on conflict (prefix) do update set last = greatest(breakthrough_numbers.last, excluded.last)
      """,
      // A row is accepted only as the next one, so a reader never misses a row that commits
      // late; only with the next number of its kind; only as said by the member the login
      // belongs to (the owner may import, into a ledger empty when the import began); and with
      // its hash over the row before's hash and its own line.
      """
      create or replace function breakthrough_append_check() returns trigger language plpgsql \(pinned) as $$
      declare
        expected bigint;
        member text;
        said_by text;
        owner_login text;
        kind_prefix text;
        given bigint;
        last_given bigint;
        previous bytea;
        claim json;
        parsed json;
        claim_prefix text;
        claimed text;
      begin
        select coalesce(max(e.seq), 0) + 1 into expected from events e;
        if new.seq <> expected then
          raise exception 'event % is not the next one (% is): another member appended first', new.seq, expected
            using errcode = '40001';
        end if;
        if strpos(new.line::text, chr(10)) > 0 or strpos(new.line::text, chr(13)) > 0 then
          raise exception 'an event is one line: event % holds a line break', new.seq using errcode = '22023';
        end if;
        new.written_at := clock_timestamp();
        new.written_by := session_user;
        select m.value into owner_login from breakthrough_meta m where m.key = 'owner';
        if session_user::text = owner_login
           and (new.seq = 1 or (select e.xmin::text from events e where e.seq = 1) = (txid_current() % 4294967296)::text) then
          null;  -- an import: the owner moves a whole ledger into an empty one, each event said by its own actor
        else
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
        end if;
        -- The label is the number the line itself gives out, read as every client reads it: the
        -- top-level "number" of a promise, request or element made, or that of the promise that
        -- replaces one ("then"). A line whose keys repeat could be read two ways: refused.
        -- PostgreSQL reads no \\u0000 in json: a space stands in, which changes no key or number.
        parsed := replace(new.line::text, '\\u0000', '\\u0020')::json;
        if (select count(*) from json_object_keys(parsed)) <> (select count(distinct k) from json_object_keys(parsed) k)
           or (json_typeof(parsed -> 'then') = 'object'
               and (select count(*) from json_object_keys(parsed -> 'then'))
                   <> (select count(distinct k) from json_object_keys(parsed -> 'then') k)) then
          raise exception 'event % names a field twice: an event is read one way only', new.seq using errcode = '22023';
        end if;
        claim_prefix := case parsed ->> 'kind'
          when 'promise.made' then 'P' when 'promise.not-kept' then 'P' when 'promise.renegotiated' then 'P'
          when 'request.made' then 'R' when 'element.added' then 'E' end;
        claim := case when parsed ->> 'kind' in ('promise.not-kept', 'promise.renegotiated') then parsed -> 'then' -> 'number'
          when claim_prefix is not null then parsed -> 'number' end;
        if claim is not null and json_typeof(claim) <> 'null' then
          if json_typeof(claim) <> 'number' or claim::text !~ '^[1-9][0-9]{0,17}$' then
            raise exception 'event % gives out % which is not a whole number', new.seq, claim::text using errcode = '22023';
          end if;
          claimed := claim_prefix || claim::text;
        end if;
        if new.label is distinct from claimed then
          raise exception '%', format('event %s is labelled %s but its line gives out %s', new.seq,
            coalesce(new.label, 'nothing'), coalesce(claimed, 'nothing')) using errcode = '23514';
        end if;
        if new.label is not null then
          if new.label !~ '^[A-Z][1-9][0-9]{0,17}$' then
            raise exception '% is not a number the ledger gives out (such as P12, R3 or E2)', new.label using errcode = '22023';
          end if;
          kind_prefix := substring(new.label from 1 for 1);
          given := substring(new.label from 2)::bigint;
          select n.last into last_given from breakthrough_numbers n where n.prefix = kind_prefix;
          if given <> coalesce(last_given, 0) + 1 then
            raise exception '%', format('the team ledger gives %s%s next, not %s', kind_prefix, coalesce(last_given, 0) + 1, new.label)
              using errcode = '23514';
          end if;
          insert into breakthrough_numbers (prefix, last) values (kind_prefix, given)
            on conflict (prefix) do update set last = excluded.last;
        end if;
        select e.hash into previous from events e where e.seq = new.seq - 1;
        new.hash := sha256(coalesce(previous, ''::bytea) || convert_to(new.line::text, 'UTF8'));
        return new;
      end $$
      """,
      """
      create or replace function breakthrough_append_only() returns trigger language plpgsql \(pinned) as $$
      begin
        raise exception 'the ledger is append-only: events are never changed or removed'
          using errcode = '42501', hint = 'record a new event instead (undo is a compensating event)';
      end $$
      """,
      """
      create or replace function breakthrough_notify() returns trigger language plpgsql \(pinned) as $$
      begin
        perform pg_notify('breakthrough', (select max(e.seq) from events e)::text);
        return null;
      end $$
      """,
      // Who holds the writers' lock: the login (which no session can change) and, when known,
      // since when (a writer says so in its application name while it holds the lock).
      """
      create or replace function breakthrough_lock_holder() returns text language sql \(pinned) as $$
        select coalesce(string_agg(a.usename::text || '|' || coalesce(
          to_char(a.xact_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
          substring(a.application_name from '^breakthrough writing since ([0-9T:Z-]{20})$'), ''), ','), '')
        from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'relation' and l.relation = 'breakthrough_writer'::regclass and l.granted
          and l.mode = 'ExclusiveLock' and l.pid <> pg_backend_pid()
      $$
      """,
      // The writers' lock: members may take it only through this function, which waits for it
      // at most 5 s and then names who holds it; held until the caller's transaction ends.
      """
      create or replace function breakthrough_lock() returns void language plpgsql security definer \(pinned) set lock_timeout = '5s' as $$
      begin
        begin
          lock table breakthrough_writer in exclusive mode;
        exception when lock_not_available then
          raise exception 'the writers'' lock is held' using errcode = '55P03', detail = breakthrough_lock_holder();
        end;
        perform set_config('application_name', 'breakthrough writing since '
          || to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), true);
      end $$
      """,
      // The one way a member adds events: under the writers' lock, only if the ledger still
      // ends at `after` (else 40001: the writer reads what came and runs its move again), in
      // one statement; returns each new row's number and hash.
      """
      create or replace function breakthrough_append(after bigint, ids text[], kinds text[], labels text[], actors text[], lines text[])
      returns table (written_seq bigint, written_hash text) language plpgsql security definer \(pinned) as $$
      declare
        head bigint;
      begin
        perform breakthrough_lock();
        select coalesce(max(e.seq), 0) into head from events e;
        if head <> after then
          raise exception 'the team ledger holds % events, not %: another member appended first', head, after
            using errcode = '40001';
        end if;
        insert into events (seq, id, kind, label, actor, line)
          select after + i, ids[i], kinds[i], labels[i], actors[i], lines[i]::json from generate_subscripts(ids, 1) as i order by i;
        return query select e.seq, encode(e.hash, 'hex') from events e where e.seq > after order by e.seq;
      end $$
      """,
      // A write in one call (version 3), in autocommit: when the ledger ends at `after`, it waits
      // at most 5 s for the writers' lock, appends, and returns each new row's number and hash
      // (its line NULL: the writer has it); when others appended first, it appends nothing and
      // returns their rows, lines and all, so that the writer folds them, judges its move again
      // on what it now knows, and calls again. Never two writes, never a gap.
      """
      create or replace function breakthrough_write(after bigint, ids text[], kinds text[], labels text[], actors text[], lines text[])
      returns table (row_seq bigint, row_line text, row_hash text) language plpgsql security definer \(pinned) as $$
      declare
        head bigint;
      begin
        select coalesce(max(e.seq), 0) into head from events e;
        if head = after then
          perform breakthrough_lock();
          select coalesce(max(e.seq), 0) into head from events e;
        end if;
        if head < after then
          raise exception 'the team ledger holds % events, fewer than the % this machine read: it was restored from a backup', head, after
            using errcode = '22023', hint = 'open it again: breakthrough says which events this machine had that it no longer holds';
        end if;
        if head > after then
          return query select e.seq, e.line::text, encode(e.hash, 'hex') from events e where e.seq > after order by e.seq;
          return;
        end if;
        insert into events (seq, id, kind, label, actor, line)
          select after + i, ids[i], kinds[i], labels[i], actors[i], lines[i]::json from generate_subscripts(ids, 1) as i order by i;
        return query select e.seq, null::text, encode(e.hash, 'hex') from events e where e.seq > after order by e.seq;
      end $$
      """,
      "create trigger events_append_check before insert on events for each row execute function breakthrough_append_check()",
      "create trigger events_append_only before update or delete on events for each row execute function breakthrough_append_only()",
      "create trigger events_no_truncate before truncate on events for each statement execute function breakthrough_append_only()",
      "create trigger events_notify after insert on events for each statement execute function breakthrough_notify()",
      "revoke all on events, members, breakthrough_meta, breakthrough_numbers, breakthrough_writer from public",
      "revoke all on function \(memberFunctions), breakthrough_lock_holder() from public",
      // Members of version 1 could insert by hand; now only the function adds events.
      """
      do $$
      declare
        member record;
      begin
        for member in select m.role from members m loop
          execute format('revoke insert on events from %I', member.role);
          execute format('grant execute on function \(memberFunctions) to %I', member.role);
        end loop;
      end $$
      """,
      // A temporary table could stand in for a table the rules read; where the database is the
      // team's own, nobody but its owner may make one.
      """
      do $$
      begin
        if (select d.datdba from pg_database d where d.datname = current_database()) = (select oid from pg_roles where rolname = current_user) then
          execute format('revoke temporary on database %I from public', current_database());
        end if;
      end $$
      """,
      "insert into breakthrough_meta (key, value) values ('owner', session_user) on conflict (key) do nothing",
    ]
  }

  /// Grants a member's login what a member may do: read everything, add events through the function.
  static func grants(to role: String) -> [String] {
    let quoted = quotedIdentifier(role)
    return [
      "grant select on events, members, breakthrough_meta to \(quoted)",
      "grant execute on function \(memberFunctions) to \(quoted)",
    ]
  }

  /// A name as SQL writes an identifier: in double quotes, inner quotes doubled.
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

  /// Inserts `rows` as events `first`, `first + 1`, … in one statement, as the owner's import does.
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

  /// Appends `rows` after event `after` through `breakthrough_append`, under the writers' lock
  /// the caller's transaction holds; returns each new row's hash, in order.
  static func append(_ rows: [Row], after: Int, on connection: PostgresConnection) throws(PostgresFailure) -> [String] {
    let result = try connection.execute(
      "select written_hash from breakthrough_append($1::bigint, $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])",
      [String(after)] + arrays(of: rows))
    return result.map { ($0.first ?? nil) ?? "" }
  }

  /// The id, kind, label, actor and line of each row, as five array parameters.
  private static func arrays(of rows: [Row]) -> [String?] {
    [rows.map(\.id), rows.map(\.kind), rows.map(\.label), rows.map(\.actor), rows.map(\.line)].map { PostgresConnection.textArray($0) }
  }

  /// What `breakthrough_write` answered: the new rows' hashes, in order, or the rows others
  /// appended after `after` (nothing was written).
  enum WriteAnswer {
    case written(hashes: [String])
    case missed(TeamRowsRead)
  }

  /// Writes `rows` after event `after` through `breakthrough_write`, as a member does: one
  /// statement, in autocommit. `missed` starts from the chain the writer verified.
  static func write(
    _ rows: [Row], after chain: TeamChain, on connection: PostgresConnection, whileWaiting: (() -> Bool)?
  ) throws(PostgresFailure) -> WriteAnswer {
    var answer = AnswerRead(after: chain)
    try connection.stream(writeCall, [String(chain.count)] + arrays(of: rows), whileWaiting: whileWaiting) { row in answer.take(row) }
    return answer.answer
  }

  /// Writes `rows` after the chain this machine verified with no read before it, in one round
  /// trip: a first statement checks what an open checks — the schema's version, that the login
  /// is the member `handle`, the server's hash of the last verified event — and fails when
  /// anything differs, and then the write does not run. Returns the write's answer and the
  /// server process's id; nil when the check failed or this libpq cannot send both at once:
  /// nothing was recorded, and the ledger is to be opened step by step.
  static func write(
    _ rows: [Row], after chain: TeamChain, checkingFor handle: Handle, on connection: PostgresConnection,
    whileWaiting: (() -> Bool)?
  ) throws(PostgresFailure) -> (answer: WriteAnswer, serverProcess: Int?)? {
    // The CASE yields the process id, or text that is no number: the cast fails, and with it
    // the transaction, before the write is reached.
    let check = """
      select (case when (select value from breakthrough_meta where key = 'schema_version') = $4
        and (select handle from members where role = session_user) = $3
        and ($1::bigint = 0 or (select encode(hash, 'hex') from events where seq = $1::bigint) = $2)
        then pg_backend_pid()::text else 'not the ledger this machine verified' end)::int::text
      """
    var answer = AnswerRead(after: chain)
    var serverProcess: Int?
    let statements = [
      (check, [String(chain.count), chain.hex, handle.text, String(version)]), (writeCall, [String(chain.count)] + arrays(of: rows)),
    ]
    let failures = try connection.pipeline(statements, whileWaiting: whileWaiting) { row in
      if row.statement == 0 { serverProcess = row.text(0).flatMap { Int($0) } } else { answer.take(row) }
    }
    guard let failures, failures[0] == nil else { return nil }
    if let failed = failures[1] { throw failed }
    return (answer.answer, serverProcess)
  }

  private static let writeCall =
    "select row_line, row_hash from breakthrough_write($1::bigint, $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])"

  /// The rows `breakthrough_write` answers, as they come: a new row's hash (its line NULL), or
  /// a row others wrote first.
  private struct AnswerRead {
    var hashes: [String] = []
    var missed: TeamRowsRead

    init(after chain: TeamChain) { missed = TeamRowsRead(after: chain) }

    mutating func take(_ row: PostgresConnection.StreamedRow) {
      if row.text(0) == nil { hashes.append(row.text(1) ?? "") } else { missed.take(line: row.bytes(0), hash: row.bytes(1)) }
    }

    var answer: WriteAnswer { missed.count > 0 ? .missed(missed) : .written(hashes: hashes) }
  }
}
