// The app of ../../insecure, written to Azure's security baseline: no public
// endpoints (private endpoints instead), Entra ID authentication only,
// managed identities, TLS 1.2, RBAC with least privilege, soft delete and
// purge protection, auditing.

@description('Short name used to derive resource names.')
param appName string = 'contoso'

param location string = resourceGroup().location

@description('Entra ID group that administers the SQL server.')
param sqlAdminGroupName string = 'sql-admins'

@description('Object id of that group.')
param sqlAdminGroupObjectId string = '00000000-0000-0000-0000-000000000002'

var suffix = uniqueString(resourceGroup().id)
var storageName = toLower('${appName}st${suffix}')
var blobDataReaderRole = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
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
    name: 'Standard_ZRS'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
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
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
    }
  }
}

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: '${appName}-sql-${suffix}'
  location: location
  properties: {
    administrators: {
      administratorType: 'ActiveDirectory'
      principalType: 'Group'
      login: sqlAdminGroupName
      sid: sqlAdminGroupObjectId
      tenantId: subscription().tenantId
      azureADOnlyAuthentication: true
    }
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
  }

  resource db 'databases' = {
    name: '${appName}db'
    location: location
    sku: {
      name: 'S0'
    }
  }

  resource auditing 'auditingSettings' = {
    name: 'default'
    properties: {
      state: 'Enabled'
      isAzureMonitorTargetEnabled: true
      retentionDays: 0
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
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Disabled'
    virtualNetworkSubnetId: network.outputs.appsSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      remoteDebuggingEnabled: false
      appSettings: [
        {
          name: 'StorageAccountName'
          value: storage.name
        }
      ]
    }
  }
}

// Every PaaS service is reached through a private endpoint in the data subnet.
var privateTargets = [
  {
    name: 'storage'
    id: storage.id
    group: 'blob'
  }
  {
    name: 'vault'
    id: vault.id
    group: 'vault'
  }
  {
    name: 'sql'
    id: sql.id
    group: 'sqlServer'
  }
  {
    name: 'web'
    id: web.id
    group: 'sites'
  }
]

resource endpoints 'Microsoft.Network/privateEndpoints@2024-01-01' = [
  for target in privateTargets: {
    name: '${appName}-pe-${target.name}'
    location: location
    properties: {
      subnet: {
        id: network.outputs.dataSubnetId
      }
      privateLinkServiceConnections: [
        {
          name: target.name
          properties: {
            privateLinkServiceId: target.id
            groupIds: [
              target.group
            ]
          }
        }
      ]
    }
  }
]

// The app reads blobs with its own identity, and nothing more.
resource webReadsBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, web.id, blobDataReaderRole)
  scope: storage
  properties: {
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: blobDataReaderRole
  }
}
