param location string = resourceGroup().location

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-pass'
  location: location
  properties: {
    httpsOnly: true
    siteConfig: {
      remoteDebuggingEnabled: false
    }
  }
}

// Remote debugging is off when absent.
resource slot 'Microsoft.Web/sites/slots@2023-12-01' = {
  parent: app
  name: 'staging'
  location: location
  properties: {}
}

resource appWeb 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: app
  name: 'web'
  properties: {
    remoteDebuggingEnabled: false
  }
}
