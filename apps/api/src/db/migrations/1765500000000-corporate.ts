import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The corporate cabinet: a company (INN, KPP, legal address) owns one mobile account; each of its lines
 * may be bound to an employee and carry a monthly spending limit; a line over its limit is restricted
 * to incoming calls (recorded on the line, where the cabinet and the integrator read it). Closing
 * documents (invoice and act) are issued once per account, kind and month.
 */
export class Corporate1765500000000 implements MigrationInterface {
  name = 'Corporate1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE mobile_lines
        ADD COLUMN restriction varchar(16) CHECK (restriction IN ('incoming_only')),
        ADD COLUMN restriction_reason varchar(32),
        ADD COLUMN restricted_at timestamptz,
        ADD CONSTRAINT mobile_lines_restriction_chk CHECK ((restriction IS NULL) = (restriction_reason IS NULL));

      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        account_id uuid NOT NULL UNIQUE REFERENCES accounts (id),
        name varchar(200) NOT NULL,
        inn char(10) NOT NULL,
        kpp char(9) NOT NULL,
        legal_address varchar(300) NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX companies_customer_idx ON companies (customer_id, created_at, id);

      -- A line of a company's account: its employee and limit. customer_id is the company owner's.
      CREATE TABLE corporate_lines (
        line_id uuid PRIMARY KEY REFERENCES mobile_lines (id),
        company_id uuid NOT NULL REFERENCES companies (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        employee_name varchar(100),
        department varchar(100),
        employee_customer_id uuid REFERENCES customers (id),
        grant_id uuid REFERENCES account_grants (id),
        monthly_limit bigint CHECK (monthly_limit > 0),
        updated_at timestamptz NOT NULL,
        CHECK ((employee_name IS NULL) = (department IS NULL))
      );
      CREATE INDEX corporate_lines_company_idx ON corporate_lines (company_id);
      CREATE INDEX corporate_lines_limited_idx ON corporate_lines (line_id) WHERE monthly_limit IS NOT NULL;

      CREATE TABLE closing_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        company_id uuid NOT NULL REFERENCES companies (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        kind varchar(8) NOT NULL CHECK (kind IN ('invoice', 'act')),
        period char(7) NOT NULL,
        number varchar(32) NOT NULL UNIQUE,
        amount bigint NOT NULL CHECK (amount >= 0),
        vat bigint NOT NULL CHECK (vat >= 0),
        pdf bytea NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (account_id, kind, period)
      );
      CREATE INDEX closing_documents_company_idx ON closing_documents (company_id, period DESC, kind);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE closing_documents; DROP TABLE corporate_lines; DROP TABLE companies;
      ALTER TABLE mobile_lines DROP CONSTRAINT mobile_lines_restriction_chk,
        DROP COLUMN restricted_at, DROP COLUMN restriction_reason, DROP COLUMN restriction;
    `);
  }
}
