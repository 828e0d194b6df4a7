import { registerEnumType } from 'type-graphql';

export enum MentionRole {
  QUOTED = 'QUOTED',
  MENTIONED = 'MENTIONED',
}

registerEnumType(MentionRole, {
  name: 'MentionRole',
  description: 'How a person figures in an article.',
  valuesConfig: {
    QUOTED: { description: 'At least one quote in the article is theirs.' },
    MENTIONED: { description: 'Named, but not quoted.' },
  },
});
