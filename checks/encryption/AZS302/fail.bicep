param location string = resourceGroup().location
param storageTls string = 'TLS1_1'

var legacyTls = '1.0'

// A storage account's minimumTlsVersion is read as TLS1_0 when absent.
resource stgDefault 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgdefaultfail'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {}
}

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgfail'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: storageTls
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-fail'
  location: location
  properties: {
    httpsOnly: true
    siteConfig: {
      minTlsVersion: legacyTls
      scmMinTlsVersion: '1.1'
    }
  }
}

resource appWeb 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: app
  name: 'web'
  properties: {
    minTlsVersion: '1.1'
  }
}

// A SQL server has no minimum TLS version when minimalTlsVersion is absent.
resource sqlDefault 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-default-fail'
  location: location
  properties: {
    administratorLogin: 'sqladmin'
  }
}

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-fail'
  location: location
  properties: {
    minimalTlsVersion: '1.0'
  }
}

resource sqlMi 'Microsoft.Sql/managedInstances@2023-08-01-preview' = {
  name: 'sqlmi-fail'
  location: location
  properties: {
    minimalTlsVersion: 'None'
  }
}

resource redis 'Microsoft.Cache/redis@2023-08-01' = {
  name: 'redis-fail'
  location: location
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    minimumTlsVersion: '1.0'
  }
}

resource eventHubs 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: 'eh-fail'
  location: location
  properties: {
    minimumTlsVersion: '1.1'
  }
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-fail'
  location: location
  properties: {
    minimumTlsVersion: '1.0'
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-fail'
  location: location
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
      }
    ]
    minimalTlsVersion: 'Tls11'
  }
}

resource pgSingle 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {
  name: 'pg-single-fail'
  location: location
  properties: {
    createMode: 'Default'
    minimalTlsVersion: 'TLS1_0'
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-fail'
  location: location
}

resource pgTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: pg
  name: 'ssl_min_protocol_version'
  properties: {
    value: 'TLSv1.1'
    source: 'user-override'
  }
}

resource mysql 'Microsoft.DBforMySQL/flexibleServers@2023-12-30' = {
  name: 'mysql-fail'
  location: location
}

resource mysqlTls 'Microsoft.DBforMySQL/flexibleServers/configurations@2023-12-30' = {
  parent: mysql
  name: 'tls_version'
  properties: {
    value: 'TLSv1.1, TLSv1.2'
    source: 'user-override'
  }
}

resource frontDoor 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: 'afd-fail'
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
      minimumTlsVersion: 'TLS10'
    }
  }
}
