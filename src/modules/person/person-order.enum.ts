import { registerEnumType } from 'type-graphql';

export enum PersonOrder {
  MENTIONS_DESC = 'MENTIONS_DESC',
  NAME_ASC = 'NAME_ASC',
}

registerEnumType(PersonOrder, {
  name: 'PersonOrder',
  description: 'How a list of people is ordered.',
  valuesConfig: {
    MENTIONS_DESC: { description: 'Named in the most articles first.' },
    NAME_ASC: { description: 'Alphabetical by name, accents and case folded.' },
  },
});
