import type { Dictionary } from '@/shared/i18n/dictionary';

/** English texts of the security question, fetched when the language is English. */
export const en: Dictionary = {
  card: {
    title: 'Security question',
    intro: 'Helps to restore the password when the phone is lost.',
    current: 'Now: “{{question}}”',
    none: 'No security question is set.',
    question: 'Question',
    questionHint: 'E.g. your mother’s maiden name',
    answer: 'Answer',
    answerHint: 'Letter case and extra spaces do not matter',
    password: 'Current password',
    save: 'Save the question',
    saved: 'The security question is saved.',
    remove: 'Remove the question',
    removed: 'The security question is removed.',
  },
  reset: {
    title: 'Restore by the security question',
    intro: 'If the phone is lost, answer the security question from your profile.',
    login: 'Phone or contract number',
    next: 'Show the question',
    question: 'Question: {{question}}',
    answer: 'Answer',
    tries: 'Tries left: {{count}}',
    newPassword: 'New password',
    submit: 'Change the password',
    done: 'The password is changed. Sign in with the new one.',
    signIn: 'Sign in',
    again: 'Ask the question again',
    bySms: 'Restore by SMS',
  },
  required: 'Fill this in.',
  errors: {
    security_question_not_set: 'No security question is set for this login. Restore the password by SMS.',
    security_answer_invalid: 'The answer is wrong.',
    otp_expired: 'Time or tries ran out — ask the question again.',
  },
};
