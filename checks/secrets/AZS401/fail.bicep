@secure()
param adminPassword string = 'P@ssw0rd1234!'

@secure()
param apiSettings object = {
  apiKey: 'abc123'
}

// Computable by anyone who can see the resource group: not a secret either.
@secure()
param sqlPassword string = 'Sql-${uniqueString(resourceGroup().id)}!'

param location string = 'westeurope'

output vmLocation string = location
