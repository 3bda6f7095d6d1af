// A small line-of-business app as it is often first written: it works, and
// it is open to the internet in more ways than one. See ../../hardened for
// the same app written to Azure's security baseline.

@description('Short name used to derive resource names.')
param appName string = 'contoso'

param location string = resourceGroup().location

@description('SQL administrator login.')
param sqlAdminLogin string = 'sqladmin'

@description('SQL administrator password.')
param sqlAdminPassword string

@description('Public network access for the data services.')
param publicAccess string = 'Enabled'

@description('Object id of the team that operates the app.')
param opsPrincipalId string

var suffix = uniqueString(resourceGroup().id)
var storageName = toLower('${appName}st${suffix}')
var contributorRole = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  'b24988ac-6180-42a0-ab88-20f7382dd24c'
)

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    location: location
    appName: appName
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    publicNetworkAccess: publicAccess
    allowBlobPublicAccess: true
    minimumTlsVersion: 'TLS1_0'
    supportsHttpsTrafficOnly: false
  }

  resource blobs 'blobServices' = {
    name: 'default'

    resource uploads 'containers' = {
      name: 'uploads'
      properties: {
        publicAccess: 'Blob'
      }
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${appName}-kv-${suffix}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableSoftDelete: false
    accessPolicies: [
      {
        tenantId: subscription().tenantId
        objectId: opsPrincipalId
        permissions: {
          secrets: [
            'all'
          ]
        }
      }
    ]
  }
}

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: '${appName}-sql-${suffix}'
  location: location
  properties: {
    administratorLogin: sqlAdminLogin
    administratorLoginPassword: sqlAdminPassword
    minimalTlsVersion: '1.0'
    publicNetworkAccess: publicAccess
  }

  resource allowAll 'firewallRules' = {
    name: 'AllowAll'
    properties: {
      startIpAddress: '0.0.0.0'
      endIpAddress: '255.255.255.255'
    }
  }

  resource db 'databases' = {
    name: '${appName}db'
    location: location
    sku: {
      name: 'S0'
    }
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${appName}-plan'
  location: location
  sku: {
    name: 'P1v3'
  }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: '${appName}-web-${suffix}'
  location: location
  properties: {
    serverFarmId: plan.id
    httpsOnly: false
    siteConfig: {
      minTlsVersion: '1.0'
      ftpsState: 'AllAllowed'
      remoteDebuggingEnabled: true
      appSettings: [
        {
          name: 'StorageConnection'
          value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value}'
        }
      ]
    }
  }
}

resource opsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, opsPrincipalId, contributorRole)
  properties: {
    principalId: opsPrincipalId
    roleDefinitionId: contributorRole
  }
}

output storageKey string = storage.listKeys().keys[0].value
