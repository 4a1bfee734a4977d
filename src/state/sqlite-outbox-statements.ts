import type { Database, Statement } from 'better-sqlite3';
import type { OutboxEntry, OutboxStatus } from './types.js';

/** The outbox's SQL on the SQLite store (table `reminder_outbox`, migrations 2 and 3), typed. */

/** A `reminder_outbox` row as SQLite returns it. */
export interface OutboxDbRow {
  id: number;
  campaign: string;
  wave: string;
  channel: string;
  slice: string;
  due_at: string;
  grace_ms: number;
  status: OutboxStatus;
  idempotency_key: string;
  payload: string | null;
  attempts: number;
  next_attempt_at: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  remote_id: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  attempt_started_at: string | null;
  details: string | null;
  sent_at: string | null;
}

export function toEntry(r: OutboxDbRow): OutboxEntry {
  return {
    id: r.id,
    campaign: r.campaign,
    wave: r.wave,
    channel: r.channel,
    slice: r.slice,
    dueAt: r.due_at,
    graceMs: r.grace_ms,
    status: r.status,
    idempotencyKey: r.idempotency_key,
    payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : {},
    attempts: r.attempts,
    ...(r.next_attempt_at ? { nextAttemptAt: r.next_attempt_at } : {}),
    ...(r.lease_owner ? { leaseOwner: r.lease_owner } : {}),
    ...(r.lease_expires_at ? { leaseExpiresAt: r.lease_expires_at } : {}),
    ...(r.remote_id !== null ? { remoteId: r.remote_id } : {}),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.attempt_started_at ? { attemptStartedAt: r.attempt_started_at } : {}),
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : {},
    ...(r.sent_at ? { sentAt: r.sent_at } : {}),
  };
}

const ALL =
  'id, campaign, wave, channel, slice, due_at, grace_ms, status, idempotency_key, payload, attempts, next_attempt_at, lease_owner, lease_expires_at, remote_id, last_error, created_at, updated_at, attempt_started_at, details, sent_at';

type Rows<P> = Statement<[P], OutboxDbRow>;
type Write<P> = Statement<[P], unknown>;
/** The lease a dispatcher's write is conditional on. */
type Lease = { id: number; owner: string; now: string };
type ScheduleFields = { wave: string; channel: string; slice: string; due_at: string; grace_ms: number };

export interface OutboxStatements {
  ofCampaign: Statement<[string], OutboxDbRow>;
  insert: Write<ScheduleFields & { campaign: string; key: string; payload: string; now: string }>;
  updatePending: Write<ScheduleFields & { id: number; payload: string; reset_details: 0 | 1; now: string }>;
  reopen: Write<{ id: number; due_at: string; grace_ms: number; payload: string; now: string }>;
  cancel: Write<{ id: number; reason: string; now: string }>;
  campaignExists: Statement<[string], { 1: number }>;
  claim: Rows<{
    owner: string;
    now: string;
    leaseNow: string;
    expires: string;
    campaign: string | null;
    limit: number;
  }>;
  begin: Write<Lease & { expires: string }>;
  checkpoint: Write<Lease & { details: string; expires: string }>;
  sent: Write<Lease & { remote_id: string | null; details: string }>;
  finish: Write<Lease & { status: 'skipped' | 'failed'; reason: string; details: string }>;
  retry: Write<Lease & { reason: string; next: string; unknown: 0 | 1; details: string }>;
  release: Write<{ owner: string; now: string }>;
  counts: Statement<[{ campaign: string | null }], { status: OutboxStatus; n: number }>;
  list: Rows<{ campaign: string | null; status: OutboxStatus | null; limit: number }>;
  nextDue: Rows<{ campaign: string | null }>;
  findPayload: Statement<[string, string], { payload: string | null }>;
  followable: Rows<{
    since: string;
    campaign: string | null;
    remind_sent_before: string;
    remind_last_before: string;
    max_reminders: number;
    checked_before: string;
    after_sent_at: string;
    after_id: number;
    limit: number;
  }>;
  noteFollowUp: Write<{ id: number; prev: string; details: string; now: string }>;
  reschedule: Write<{ campaign: string; slice: string; due_at: string; now: string }>;
}

export function prepareOutboxStatements(db: Database): OutboxStatements {
  return {
    ofCampaign: db.prepare(`SELECT ${ALL} FROM reminder_outbox WHERE campaign = ? ORDER BY id`),
    insert: db.prepare(
      `INSERT INTO reminder_outbox (campaign, wave, channel, slice, due_at, grace_ms, status, idempotency_key, payload, attempts, created_at, updated_at)
       VALUES (@campaign, @wave, @channel, @slice, @due_at, @grace_ms, 'pending', @key, @payload, 0, @now, @now)`,
    ),
    updatePending: db.prepare(
      `UPDATE reminder_outbox SET wave = @wave, channel = @channel, slice = @slice, due_at = @due_at, grace_ms = @grace_ms,
         payload = @payload, details = CASE WHEN @reset_details = 1 THEN NULL ELSE details END, updated_at = @now
       WHERE id = @id AND status = 'pending'`,
    ),
    reopen: db.prepare(
      `UPDATE reminder_outbox SET status = 'pending', due_at = @due_at, grace_ms = @grace_ms, payload = @payload,
         attempts = 0, next_attempt_at = NULL, last_error = NULL, details = NULL, attempt_started_at = NULL,
         lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
       WHERE id = @id AND status IN ('skipped', 'failed', 'cancelled')`,
    ),
    cancel: db.prepare(
      `UPDATE reminder_outbox SET status = 'cancelled', last_error = @reason, updated_at = @now WHERE id = @id AND status = 'pending'`,
    ),
    campaignExists: db.prepare('SELECT 1 FROM campaigns WHERE name = ?'),
    claim: db.prepare(
      `UPDATE reminder_outbox SET status = 'claimed', lease_owner = @owner, lease_expires_at = @expires, updated_at = @now
       WHERE id IN (
         SELECT id FROM reminder_outbox
         WHERE ((status = 'pending' AND due_at <= @now AND (next_attempt_at IS NULL OR next_attempt_at <= @now))
             OR (status = 'claimed' AND lease_expires_at <= @leaseNow))
           AND (@campaign IS NULL OR campaign = @campaign)
         ORDER BY due_at, id LIMIT @limit)
       RETURNING ${ALL}`,
    ),
    begin: db.prepare(
      `UPDATE reminder_outbox SET attempt_started_at = @now, attempts = attempts + 1, lease_expires_at = @expires, updated_at = @now
       WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
    ),
    checkpoint: db.prepare(
      `UPDATE reminder_outbox SET details = json_patch(COALESCE(details, '{}'), @details), lease_expires_at = @expires, updated_at = @now
       WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
    ),
    sent: db.prepare(
      `UPDATE reminder_outbox SET status = 'sent', remote_id = @remote_id, details = json_patch(COALESCE(details, '{}'), @details),
         sent_at = @now, attempt_started_at = NULL, last_error = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
       WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
    ),
    finish: db.prepare(
      `UPDATE reminder_outbox SET status = @status, last_error = @reason, details = json_patch(COALESCE(details, '{}'), @details),
         next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
       WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
    ),
    retry: db.prepare(
      `UPDATE reminder_outbox SET status = 'pending', last_error = @reason, next_attempt_at = @next,
         attempt_started_at = CASE WHEN @unknown = 1 THEN attempt_started_at ELSE NULL END,
         details = json_patch(COALESCE(details, '{}'), @details),
         lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
       WHERE id = @id AND status = 'claimed' AND lease_owner = @owner`,
    ),
    release: db.prepare(
      `UPDATE reminder_outbox SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
       WHERE status = 'claimed' AND lease_owner = @owner`,
    ),
    counts: db.prepare(
      `SELECT status, COUNT(*) AS n FROM reminder_outbox WHERE (@campaign IS NULL OR campaign = @campaign) GROUP BY status`,
    ),
    list: db.prepare(
      `SELECT ${ALL} FROM reminder_outbox WHERE (@campaign IS NULL OR campaign = @campaign) AND (@status IS NULL OR status = @status)
       ORDER BY due_at, id LIMIT @limit`,
    ),
    nextDue: db.prepare(
      `SELECT ${ALL} FROM reminder_outbox WHERE (@campaign IS NULL OR campaign = @campaign) AND status IN ('pending', 'claimed')
       ORDER BY COALESCE(MAX(due_at, next_attempt_at), due_at), id LIMIT 1`,
    ),
    findPayload: db.prepare(
      `SELECT payload FROM reminder_outbox WHERE campaign = ? AND json_extract(payload, '$.type') = ? ORDER BY id LIMIT 1`,
    ),
    // Only rows with something to do: a reminder due, or a check not done for a while. Keyset
    // pages (sent_at, id) so a caller reads them all, however many.
    followable: db.prepare(
      `SELECT ${ALL} FROM reminder_outbox
       WHERE status = 'sent' AND remote_id IS NOT NULL AND json_extract(payload, '$.type') = 'wecom-groups'
         AND sent_at >= @since AND COALESCE(json_extract(details, '$.followUp.confirmed'), 0) = 0
         AND (@campaign IS NULL OR campaign = @campaign)
         AND ((sent_at <= @remind_sent_before
               AND COALESCE(json_extract(details, '$.followUp.lastRemindAt'), '') <= @remind_last_before
               AND COALESCE(json_extract(details, '$.followUp.reminders'), 0) < @max_reminders)
              OR COALESCE(json_extract(details, '$.followUp.checkedAt'), sent_at) <= @checked_before)
         AND (sent_at > @after_sent_at OR (sent_at = @after_sent_at AND id > @after_id))
       ORDER BY sent_at, id LIMIT @limit`,
    ),
    noteFollowUp: db.prepare(
      `UPDATE reminder_outbox SET details = json_patch(COALESCE(details, '{}'), @details), updated_at = @now
       WHERE id = @id AND status = 'sent'
         AND COALESCE(json_extract(details, '$.followUp.lastRemindAt'), '') = @prev`,
    ),
    reschedule: db.prepare(
      `UPDATE reminder_outbox SET due_at = @due_at, next_attempt_at = NULL, updated_at = @now
       WHERE campaign = @campaign AND slice = @slice AND status = 'pending'`,
    ),
  };
}
