import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calls for tenders, lots, questions, consortia, sealed bids, their evaluation, the directory read
 * model and the audit trail. Invariants the code also checks live here too, so a buggy writer
 * cannot commit them: criteria weights sum to 100, the retention is at most 5 %, one live bid per
 * bidder and tender, audit entries can be neither updated nor deleted.
 *
 * Tender keys live in their own schema (`keyring`), apart from the bid rows: a dump or a grant of
 * the public schema alone never carries what unwraps a bid's data key (docs/decisions/0110).
 */
export class Tendering1764400000100 implements MigrationInterface {
  name = 'Tendering1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE SCHEMA IF NOT EXISTS keyring;
      CREATE TABLE keyring.tender_key (
        tender_id uuid PRIMARY KEY,
        wrapped_key bytea NOT NULL,
        iv bytea NOT NULL,
        auth_tag bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE call_for_tenders (
        id uuid PRIMARY KEY,
        buyer_organisation_id uuid NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT','OPEN','CLOSED','EVALUATION','AWARDED','CONTRACTED','CANCELLED','UNSUCCESSFUL')),
        submission_deadline timestamptz NOT NULL,
        bid_validity_days int NOT NULL CHECK (bid_validity_days BETWEEN 1 AND 365),
        weight_price int NOT NULL CHECK (weight_price BETWEEN 0 AND 100),
        weight_lead_time int NOT NULL CHECK (weight_lead_time BETWEEN 0 AND 100),
        weight_quality int NOT NULL CHECK (weight_quality BETWEEN 0 AND 100),
        weight_co2 int NOT NULL CHECK (weight_co2 BETWEEN 0 AND 100),
        guarantee_retention_percent numeric(4,2) CHECK (guarantee_retention_percent BETWEEN 0 AND 5),
        guarantee_first_demand_eur numeric(14,2) CHECK (guarantee_first_demand_eur >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        closed_at timestamptz,
        opened_at timestamptz,
        CONSTRAINT weights_sum_to_100 CHECK (weight_price + weight_lead_time + weight_quality + weight_co2 = 100)
      );
      CREATE INDEX call_for_tenders_open_deadline ON call_for_tenders (submission_deadline) WHERE status = 'OPEN';
      CREATE INDEX call_for_tenders_buyer ON call_for_tenders (buyer_organisation_id);

      CREATE TABLE tender_lot (
        id uuid PRIMARY KEY,
        tender_id uuid NOT NULL REFERENCES call_for_tenders(id),
        number int NOT NULL CHECK (number >= 1),
        title text NOT NULL,
        required_processes text[] NOT NULL,
        quantity numeric(14,2) NOT NULL CHECK (quantity > 0),
        unit text NOT NULL,
        delivery_commune_insee text NOT NULL,
        delivery_label text,
        delivery_date date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','AWARDED','CONTRACTED','UNSUCCESSFUL','CANCELLED')),
        awarded_bid_id uuid,
        awarded_at timestamptz,
        standstill_ends_at timestamptz,
        contract_id uuid,
        contracted_at timestamptz,
        UNIQUE (tender_id, number)
      );

      CREATE TABLE tender_question (
        id uuid PRIMARY KEY,
        tender_id uuid NOT NULL REFERENCES call_for_tenders(id),
        -- Kept for moderation and abuse only; no query ever returns it (the asker is anonymised).
        asker_organisation_id uuid NOT NULL,
        question text NOT NULL,
        answer text,
        asked_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz
      );
      CREATE INDEX tender_question_tender ON tender_question (tender_id, asked_at);

      CREATE TABLE consortium (
        id uuid PRIMARY KEY,
        tender_id uuid NOT NULL REFERENCES call_for_tenders(id),
        lead_organisation_id uuid NOT NULL,
        name text NOT NULL,
        form text CHECK (form IN ('CONJOINT','SOLIDAIRE')),
        lead_jointly_liable boolean NOT NULL DEFAULT false,
        frozen_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tender_id, lead_organisation_id)
      );

      CREATE TABLE consortium_member (
        consortium_id uuid NOT NULL REFERENCES consortium(id),
        organisation_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('LEAD','MEMBER')),
        status text NOT NULL CHECK (status IN ('INVITED','ACCEPTED','DECLINED')),
        invited_at timestamptz NOT NULL DEFAULT now(),
        responded_at timestamptz,
        PRIMARY KEY (consortium_id, organisation_id)
      );
      CREATE INDEX consortium_member_org ON consortium_member (organisation_id);

      CREATE TABLE consortium_share (
        consortium_id uuid NOT NULL,
        lot_id uuid NOT NULL REFERENCES tender_lot(id),
        organisation_id uuid NOT NULL,
        share_percent numeric(5,2) NOT NULL CHECK (share_percent > 0 AND share_percent <= 100),
        committed_quantity numeric(14,2) NOT NULL CHECK (committed_quantity >= 0),
        committed_unit text NOT NULL CHECK (committed_unit IN ('hours','units')),
        process_code text NOT NULL,
        PRIMARY KEY (consortium_id, lot_id, organisation_id),
        FOREIGN KEY (consortium_id, organisation_id) REFERENCES consortium_member(consortium_id, organisation_id)
      );

      CREATE TABLE bid (
        id uuid PRIMARY KEY,
        tender_id uuid NOT NULL REFERENCES call_for_tenders(id),
        bidder_organisation_id uuid NOT NULL,
        consortium_id uuid REFERENCES consortium(id),
        lot_ids uuid[] NOT NULL,
        status text NOT NULL CHECK (status IN ('SUBMITTED','WITHDRAWN','REPLACED')),
        -- AES-256-GCM of the bid's content under its own data key; the data key wrapped by the
        -- tender's key (keyring.tender_key). Nothing readable is stored next to them.
        ciphertext bytea NOT NULL,
        iv bytea NOT NULL,
        auth_tag bytea NOT NULL,
        wrapped_key bytea NOT NULL,
        key_iv bytea NOT NULL,
        key_auth_tag bytea NOT NULL,
        sealed_sha256 char(64) NOT NULL,
        received_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        replaces_bid_id uuid REFERENCES bid(id)
      );
      CREATE UNIQUE INDEX bid_one_live_per_bidder ON bid (tender_id, bidder_organisation_id) WHERE status = 'SUBMITTED';

      CREATE TABLE bid_lot_evaluation (
        bid_id uuid NOT NULL REFERENCES bid(id),
        lot_id uuid NOT NULL REFERENCES tender_lot(id),
        price_eur numeric(14,2) NOT NULL,
        lead_time_days int NOT NULL,
        quality_statement text NOT NULL,
        co2_kg numeric(14,2) NOT NULL,
        quality_mark numeric(5,2),
        score numeric(6,2) NOT NULL,
        rule text NOT NULL,
        abnormally_low boolean NOT NULL,
        abnormally_low_reason text,
        rank int NOT NULL,
        PRIMARY KEY (bid_id, lot_id)
      );

      CREATE TABLE directory_capability (
        organisation_id uuid NOT NULL,
        site_id uuid NOT NULL,
        process_code text NOT NULL,
        PRIMARY KEY (organisation_id, site_id, process_code)
      );
      CREATE INDEX directory_capability_process ON directory_capability (process_code);

      CREATE TABLE known_organisation (
        id uuid PRIMARY KEY,
        legal_name text NOT NULL,
        legal_name_at timestamptz NOT NULL
      );

      CREATE TABLE audit_entry (
        seq bigserial PRIMARY KEY,
        tender_id uuid NOT NULL,
        position int NOT NULL,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        detail jsonb NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        UNIQUE (tender_id, position)
      );
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP;
      END $$;
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_entry; DROP FUNCTION audit_entry_append_only();
      DROP TABLE known_organisation; DROP TABLE directory_capability; DROP TABLE bid_lot_evaluation; DROP TABLE bid;
      DROP TABLE consortium_share; DROP TABLE consortium_member; DROP TABLE consortium;
      DROP TABLE tender_question; DROP TABLE tender_lot; DROP TABLE call_for_tenders; DROP SCHEMA keyring CASCADE;
    `);
  }
}
