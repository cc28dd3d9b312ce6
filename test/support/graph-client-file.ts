/** What a commercial-cloud Graph client file holds after `init` or `migrate`: v2 endpoints, the Graph scope, no resource. */
export function expectedGraphClientFile(tenant: string, clientId: string, secret: string): Record<string, string> {
  return {
    client_id: clientId,
    client_secret: secret,
    auth_url: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize`,
    token_url: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
    redirect_uri: 'https://localhost:44300/wdatpconnector',
    scope: 'offline_access https://graph.microsoft.com/SecurityAlert.Read.All',
    reauthenticate: 'true',
  };
}
