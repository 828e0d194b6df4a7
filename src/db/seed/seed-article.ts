import type { ArticleDraft } from '../../modules/article/article-draft';

/**
 * The article a new database starts with: "Russia Invites Ukraine President Zelensky for Peace
 * Talks" (Tribuneonlineng.com), structured by hand from the raw copy until the text importer
 * produces it. The copy gives no time zone: UTC.
 */
export const SEED_ARTICLE: ArticleDraft = {
  headline: 'Russia Invites Ukraine President Zelensky for Peace Talks',
  section: 'Top Stories',
  publishedAt: new Date('2026-01-30T07:10:00.000Z'),
  image: { credit: 'Tribuneonlineng.com' },
  paragraphs: [
    "On Thursday, the Kremlin announced that Russia had once again invited Ukrainian President Volodymyr Zelensky to visit Moscow for discussions about peace, as efforts led by the US to finalize an agreement to conclude the almost four-year conflict in Ukraine become stronger. This announcement came as both nations exchanged information about their recent casualties from the war, and shortly after the Kremlin chose not to respond to rumors regarding an understanding between Moscow and Kyiv to avoid attacking each other's energy systems. Peace discussions facilitated by Washington in Abu Dhabi last weekend have added some positive energy to the negotiations for a peace agreement; however, significant disagreements still exist between Russia and Ukraine regarding their positions. Intense conflicts continue, and Kyiv is facing severe power outages due to recent missile attacks. A US official, who wished to remain unnamed, informed Axios on Saturday that Zelensky and Russian President Vladimir Putin were \"very close\" to arranging a meeting following the talks mediated by the US.",
    "A new series of discussions in Abu Dhabi involving Russian and Ukrainian negotiation teams is set for Sunday. US President Donald Trump, who is advocating for a resolution to end the largest conflict in Europe since World War Two, mentioned on Tuesday that \"very good things\" were underway in the negotiation process. However, major issues still exist, such as disputes over territorial claims in any future agreement, the possible deployment of international peacekeepers or observers in Ukraine after the war, and the status of the nuclear power plant in Zaporizhzhia controlled by Russia. Kremlin spokesperson Dmitry Peskov, as reported by Interfax news agency, stated on Thursday that Moscow has not yet heard back regarding its invitation for Zelensky to come to Moscow. Last year, Zelensky turned down a similar invitation, explaining that he could not visit the capital of a country that was consistently launching missiles at his nation. He proposed that Putin should instead come to Kyiv.",
    "Any discussion between Putin and Zelensky would require thorough planning and a focus on achieving outcomes, said Yuri Ushakov, a foreign policy adviser from the Kremlin, on Wednesday. He mentioned that Zelensky would be assured of his safety if he traveled to Moscow. On the same day, US Secretary of State Marco Rubio stated that the main point of disagreement between the two parties was the division of territories, which he found to be quite challenging to resolve.",
    "Russia is demanding that Ukrainian troops pull back from approximately 20% of the Donetsk area that is not under Russian control. Kyiv has expressed that it does not intend to hand over land to Moscow that Russia hasn't taken through military action and that could become a base for further incursions into Ukraine. Ushakov, the Kremlin adviser, remarked on Thursday that he didn’t see the territorial matter as the only significant issue still being discussed.",
    "Russian Foreign Minister Sergei Lavrov questioned whether any security assurances that the US could offer Ukraine would be effective in a possible agreement, suggesting he was skeptical that they could lead to lasting peace if they aimed to maintain the current political regime in Ukraine. At the same time, Ramzan Kadyrov, the leader of Chechnya backed by the Kremlin, expressed a desire for increased military action instead of peace, indicating that hardliners believe Russia is succeeding on the battlefield.",
    "\"I think the war should reach its conclusion,\" Kadyrov stated to the media at the Kremlin. \"I oppose any negotiations\".",
  ],
  people: [
    { name: 'Volodymyr Zelensky', description: 'Ukrainian President' },
    { name: 'Vladimir Putin', description: 'Russian President' },
    { name: 'Donald Trump', description: 'US President' },
    { name: 'Dmitry Peskov', description: 'Kremlin spokesperson' },
    { name: 'Yuri Ushakov', description: 'foreign policy adviser from the Kremlin' },
    { name: 'Marco Rubio', description: 'US Secretary of State' },
    { name: 'Sergei Lavrov', description: 'Russian Foreign Minister' },
    { name: 'Ramzan Kadyrov', description: 'leader of Chechnya' },
  ],
  quotes: [
    { text: 'very close', speaker: null, attribution: 'a US official who wished to remain unnamed', paragraphIndex: 0 },
    { text: 'very good things', speaker: 'Donald Trump', attribution: 'US President Donald Trump mentioned', paragraphIndex: 1 },
    { text: 'I think the war should reach its conclusion', speaker: 'Ramzan Kadyrov', attribution: 'Kadyrov stated', paragraphIndex: 5 },
    { text: 'I oppose any negotiations', speaker: 'Ramzan Kadyrov', attribution: 'Kadyrov stated', paragraphIndex: 5 },
  ],
};
