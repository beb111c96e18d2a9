import type { DataSource } from 'typeorm';
import type {
  FaqAdminCategoryView,
  FaqAdminQuestionView,
  FaqCategoryRequest,
  FaqCategoryView,
  FaqQuestionRequest,
  FaqQuestionView,
  FaqSearchResult,
  FaqVoteView,
} from '@cabinet/shared-types';
import type { AuditService } from '../audit';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../../platform/routes';
import { assertAdmin } from '../../platform/staff';

interface QuestionRow {
  id: string;
  category_id: string;
  question: string;
  answer: string;
  position: number;
  published: boolean;
  helpful_yes: number;
  helpful_no: number;
  updated_at: Date;
}

interface CategoryRow {
  id: string;
  slug: string;
  title: string;
  position: number;
}

const toQuestion = (r: QuestionRow): FaqQuestionView => ({
  id: r.id,
  categoryId: r.category_id,
  question: r.question,
  answer: r.answer,
  helpfulYes: r.helpful_yes,
  helpfulNo: r.helpful_no,
});

const toAdminQuestion = (r: QuestionRow): FaqAdminQuestionView => ({ ...toQuestion(r), position: r.position, published: r.published, updatedAt: r.updated_at.toISOString() });

/**
 * The FAQ: a reference table (not customer-owned). Search goes through PostgreSQL's `russian` text-search
 * configuration on a stored tsvector with a GIN index, so «пароля» finds «пароль». Admins edit it.
 */
export class FaqService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditService },
  ) {}

  async list(): Promise<FaqCategoryView[]> {
    const cats: CategoryRow[] = await this.ds.query('SELECT id, slug, title, position FROM faq_categories ORDER BY position, title, id');
    const qs: QuestionRow[] = await this.ds.query('SELECT * FROM faq_questions WHERE published ORDER BY position, question, id');
    return cats.map((c) => ({ ...c, questions: qs.filter((q) => q.category_id === c.id).map(toQuestion) })).filter((c) => c.questions.length > 0);
  }

  /** Words as a person types them (`websearch_to_tsquery`: quotes, `-word`, `or`), best matches first. */
  async search(q: string, limit: number): Promise<FaqSearchResult[]> {
    const text = q.trim();
    if (!text) return [];
    // Every word first; when that finds nothing, any of them (ranked, so more words matched come first).
    const run = (any: boolean): Promise<(QuestionRow & { category_title: string; snippet: string })[]> =>
      this.ds.query(
        `SELECT f.*, c.title AS category_title,
                ts_headline('russian', f.answer, q.query, 'StartSel=«, StopSel=», MaxWords=30, MinWords=10, ShortWord=2') AS snippet
           FROM faq_questions f JOIN faq_categories c ON c.id = f.category_id,
                (SELECT ${any ? `replace(websearch_to_tsquery('russian', $1)::text, ' & ', ' | ')::tsquery` : `websearch_to_tsquery('russian', $1)`} AS query) q
          WHERE f.published AND f.search @@ q.query
          ORDER BY ts_rank(f.search, q.query) DESC, f.position, f.id
          LIMIT $2`,
        [text, limit],
      );
    let rows = await run(false);
    if (!rows.length) rows = await run(true);
    return rows.map((r) => ({ ...toQuestion(r), categoryTitle: r.category_title, snippet: r.snippet }));
  }

  /** One vote per customer (`c:<id>`) or visitor (`v:<id>`); voting again changes the vote, never counts twice. */
  async vote(questionId: string, voter: { customerId: string } | { visitorId: string }, helpful: boolean): Promise<FaqVoteView> {
    const key = 'customerId' in voter ? `c:${voter.customerId}` : `v:${voter.visitorId}`;
    return this.ds.transaction(async (em) => {
      const [q]: { id: string }[] = await em.query('SELECT id FROM faq_questions WHERE id = $1 AND published FOR UPDATE', [questionId]);
      if (!q) throw AppError.notFound('The question');
      const [before]: { helpful: boolean }[] = await em.query('SELECT helpful FROM faq_votes WHERE question_id = $1 AND voter = $2', [questionId, key]);
      if (!before || before.helpful !== helpful) {
        await em.query(
          `INSERT INTO faq_votes (question_id, voter, helpful, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (question_id, voter) DO UPDATE SET helpful = EXCLUDED.helpful, created_at = EXCLUDED.created_at`,
          [questionId, key, helpful, this.clock.now()],
        );
        const yes = (helpful ? 1 : 0) - (before?.helpful === true ? 1 : 0);
        const no = (helpful ? 0 : 1) - (before?.helpful === false ? 1 : 0);
        await em.query('UPDATE faq_questions SET helpful_yes = helpful_yes + $2, helpful_no = helpful_no + $3 WHERE id = $1', [questionId, yes, no]);
      }
      const [r]: { helpful_yes: number; helpful_no: number }[] = await em.query('SELECT helpful_yes, helpful_no FROM faq_questions WHERE id = $1', [questionId]);
      return { questionId, helpful, helpfulYes: r.helpful_yes, helpfulNo: r.helpful_no };
    });
  }

  // ---- admins ----

  async adminList(auth: AuthContext): Promise<FaqAdminCategoryView[]> {
    assertAdmin(auth);
    const cats: CategoryRow[] = await this.ds.query('SELECT id, slug, title, position FROM faq_categories ORDER BY position, title, id');
    const qs: QuestionRow[] = await this.ds.query('SELECT * FROM faq_questions ORDER BY position, question, id');
    return cats.map((c) => ({ ...c, questions: qs.filter((q) => q.category_id === c.id).map(toAdminQuestion) }));
  }

  async createCategory(auth: AuthContext, input: FaqCategoryRequest): Promise<FaqAdminCategoryView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      const [taken] = await em.query('SELECT 1 FROM faq_categories WHERE slug = $1', [input.slug]);
      if (taken) throw new AppError('conflict', 409, 'A category with this slug exists.');
      const [row]: CategoryRow[] = await em.query(
        'INSERT INTO faq_categories (slug, title, position, created_at) VALUES ($1, $2, $3, $4) RETURNING id, slug, title, position',
        [input.slug, input.title.trim(), input.position ?? 0, this.clock.now()],
      );
      await this.deps.audit.record(em, { action: 'faq_changed', actorId: auth.customerId, details: { category: row.id, change: 'created' } });
      return { ...row, questions: [] };
    });
  }

  async updateCategory(auth: AuthContext, id: string, input: Partial<FaqCategoryRequest>): Promise<FaqAdminCategoryView> {
    assertAdmin(auth);
    await this.ds.transaction(async (em) => {
      const [row]: CategoryRow[] = await em.query('SELECT * FROM faq_categories WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw AppError.notFound('The category');
      if (input.slug && input.slug !== row.slug) {
        const [taken] = await em.query('SELECT 1 FROM faq_categories WHERE slug = $1', [input.slug]);
        if (taken) throw new AppError('conflict', 409, 'A category with this slug exists.');
      }
      await em.query('UPDATE faq_categories SET slug = $2, title = $3, position = $4 WHERE id = $1', [id, input.slug ?? row.slug, input.title?.trim() ?? row.title, input.position ?? row.position]);
      await this.deps.audit.record(em, { action: 'faq_changed', actorId: auth.customerId, details: { category: id, change: 'updated' } });
    });
    return (await this.adminList(auth)).find((c) => c.id === id)!;
  }

  /** Only an empty category goes (its questions first). */
  async deleteCategory(auth: AuthContext, id: string): Promise<void> {
    assertAdmin(auth);
    await this.ds.transaction(async (em) => {
      const [row] = await em.query('SELECT id FROM faq_categories WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw AppError.notFound('The category');
      const [used] = await em.query('SELECT 1 FROM faq_questions WHERE category_id = $1 LIMIT 1', [id]);
      if (used) throw new AppError('conflict', 409, 'The category has questions; move or delete them first.');
      await em.query('DELETE FROM faq_categories WHERE id = $1', [id]);
      await this.deps.audit.record(em, { action: 'faq_changed', actorId: auth.customerId, details: { category: id, change: 'deleted' } });
    });
  }

  async createQuestion(auth: AuthContext, input: FaqQuestionRequest): Promise<FaqAdminQuestionView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      await this.categoryExists(em, input.categoryId);
      const now = this.clock.now();
      const [row]: QuestionRow[] = await em.query(
        `INSERT INTO faq_questions (category_id, question, answer, position, published, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
        [input.categoryId, input.question.trim(), input.answer.trim(), input.position ?? 0, input.published ?? true, now],
      );
      await this.deps.audit.record(em, { action: 'faq_changed', actorId: auth.customerId, details: { question: row.id, change: 'created' } });
      return toAdminQuestion(row);
    });
  }

  async updateQuestion(auth: AuthContext, id: string, input: Partial<FaqQuestionRequest>): Promise<FaqAdminQuestionView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      const [row]: QuestionRow[] = await em.query('SELECT * FROM faq_questions WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw AppError.notFound('The question');
      if (input.categoryId) await this.categoryExists(em, input.categoryId);
      // An UPDATE through the manager answers [rows, count].
      const [[out]]: [QuestionRow[], number] = await em.query(
        `UPDATE faq_questions SET category_id = $2, question = $3, answer = $4, position = $5, published = $6, updated_at = $7 WHERE id = $1 RETURNING *`,
        [id, input.categoryId ?? row.category_id, input.question?.trim() ?? row.question, input.answer?.trim() ?? row.answer, input.position ?? row.position, input.published ?? row.published, this.clock.now()],
      );
      await this.deps.audit.record(em, { action: 'faq_changed', actorId: auth.customerId, details: { question: id, change: 'updated' } });
      return toAdminQuestion(out);
    });
  }

  async deleteQuestion(auth: AuthContext, id: string): Promise<void> {
    assertAdmin(auth);
    await this.ds.transaction(async (em) => {
      const [row] = await em.query('SELECT id FROM faq_questions WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw AppError.notFound('The question');
      await em.query('DELETE FROM faq_questions WHERE id = $1', [id]);
      await this.deps.audit.record(em, { action: 'faq_changed', actorId: auth.customerId, details: { question: id, change: 'deleted' } });
    });
  }

  private async categoryExists(em: { query: DataSource['query'] }, id: string): Promise<void> {
    const [c] = await em.query('SELECT 1 FROM faq_categories WHERE id = $1', [id]);
    if (!c) throw AppError.validation([{ field: 'categoryId', code: 'notFound', message: 'No such category.' }]);
  }
}
