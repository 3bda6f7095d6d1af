@secure()
param adminPassword string

@secure()
param emptyPassword string = ''

@secure()
param generatedPassword string = newGuid()

@secure()
param apiSettings object = {}

@secure()
param blankSettings object = {
  apiKey: ''
}

param location string = 'westeurope'

output vmLocation string = location
