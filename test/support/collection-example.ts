/** The `__collection` parser file and alert from a user's report: a token over `triggeredFilters`, split by regex
 *  into a URL and an address. Both the engine and the CLI test it. */
export const TRIGGERED_FILTERS_PARSER_LINES = [
  'trigger.node.location=/',
  'token.count=1',
  'token[0].name=tf',
  'token[0].type=String',
  'token[0].format=__collection(filterType,false,false)',
  'token[0].location=triggeredFilters',
  'event.requestUrl=__regexToken(URI,".*\\\\{.value.:.(.*).\\\\}.*")',
  'event.destinationAddress=__regexTokenAsAddress(Destination IP,".*\\\\{.value.:.(.*).\\\\}.*")',
];

export const TRIGGERED_FILTERS_RECORD = {
  triggeredFilters: [
    { cbid: 4, id: 'D', filterType: 'URI', comparatorType: 'contains', trigger: { value: '/gate.php' } },
    { cbid: 2, id: 'B', filterType: 'Destination IP', comparatorType: 'is', trigger: { value: '203.0.113.7' } },
  ],
};
