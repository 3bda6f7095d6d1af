targetScope = 'subscription'

resource contact 'Microsoft.Security/securityContacts@2020-01-01-preview' = {
  name: 'default'
  properties: {
    emails: 'security@contoso.com'
    alertNotifications: {
      state: 'On'
      minimalSeverity: 'Medium'
    }
    notificationsByRole: {
      state: 'On'
      roles: [
        'Owner'
      ]
    }
  }
}

resource legacy 'Microsoft.Security/securityContacts@2017-08-01-preview' = {
  name: 'legacy'
  properties: {
    email: 'security@contoso.com'
    alertNotifications: 'On'
    alertsToAdmins: 'On'
  }
}

resource current 'Microsoft.Security/securityContacts@2023-12-01-preview' = {
  name: 'current'
  properties: {
    emails: 'security@contoso.com'
    isEnabled: true
    notificationsByRole: {
      state: 'On'
      roles: [
        'Owner'
      ]
    }
  }
}
