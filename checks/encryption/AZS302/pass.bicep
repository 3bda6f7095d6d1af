param location string = resourceGroup().location

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgpass'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
  }
}

// Web apps default to TLS 1.2.
resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-pass'
  location: location
  properties: {
    httpsOnly: true
    siteConfig: {
      alwaysOn: true
    }
  }
}

resource appWeb 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: app
  name: 'web'
  properties: {
    minTlsVersion: '1.2'
    scmMinTlsVersion: '1.3'
  }
}

// Not the 'web' configuration: an app setting that happens to share the name.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    minTlsVersion: '1.0'
  }
}

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-pass'
  location: location
  properties: {
    minimalTlsVersion: '1.2'
  }
}

// Managed instances, Redis, Event Hubs, Service Bus and Cosmos DB default to TLS 1.2.
resource sqlMi 'Microsoft.Sql/managedInstances@2023-08-01-preview' = {
  name: 'sqlmi-pass'
  location: location
  properties: {}
}

resource redis 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-pass'
  location: location
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    minimumTlsVersion: '1.2'
  }
}

resource eventHubs 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: 'eh-pass'
  location: location
  properties: {}
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-pass'
  location: location
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
      }
    ]
    minimalTlsVersion: 'Tls12'
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-pass'
  location: location
}

resource pgTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: pg
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.2'
    source: 'user-override'
  }
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: 'mysql-pass'
  location: location
}

resource mysqlTls 'Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30' = {
  parent: mysql
  name: 'tls_version'
  properties: {
    value: 'TLSv1.2,TLSv1.3'
    source: 'user-override'
  }
}

resource frontDoor 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: 'afd-pass'
  location: 'global'
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource domain 'Microsoft.Cdn/profiles/customDomains@2024-02-01' = {
  parent: frontDoor
  name: 'www-contoso-com'
  properties: {
    hostName: 'www.contoso.com'
    tlsSettings: {
      certificateType: 'ManagedCertificate'
      minimumTlsVersion: 'TLS12'
    }
  }
}
