param location string = resourceGroup().location
param debugging bool = true

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-fail'
  location: location
  properties: {
    httpsOnly: true
    siteConfig: {
      remoteDebuggingEnabled: debugging
      remoteDebuggingVersion: 'VS2022'
    }
  }
}

resource slot 'Microsoft.Web/sites/slots@2023-12-01' = {
  parent: app
  name: 'staging'
  location: location
  properties: {
    siteConfig: {
      remoteDebuggingEnabled: true
    }
  }
}

resource slotWeb 'Microsoft.Web/sites/slots/config@2023-12-01' = {
  parent: slot
  name: 'web'
  properties: {
    remoteDebuggingEnabled: true
  }
}
