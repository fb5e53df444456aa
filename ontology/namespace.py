"""The gov: namespace as an rdflib DefinedNamespace, kept in step with gov.ttl by a test."""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class GOV(DefinedNamespace):
    _NS = Namespace("https://w3id.org/govkg/ontology#")
    _fail = True
    # component specifications of the Data Cube structure (names with "-" are not Python identifiers)
    _extras = ["dsd-refArea", "dsd-refPeriod", "dsd-indicator", "dsd-measureType", "dsd-isTarget", "dsd-obsValue",
               "dsd-unitMeasure", "dsd-normalizedValue", "dsd-normalizedUnit", "dsd-qualifier", "dsd-valueText",
               "dsd-indicatorText"]

    # classes
    Report: URIRef
    GovernmentWorkReport: URIRef
    PartyPlenaryReport: URIRef
    WorkSummary: URIRef
    MetadataSource: URIRef
    Place: URIRef
    AdministrativeArea: URIRef
    Country: URIRef
    Province: URIRef
    City: URIRef
    District: URIRef
    Township: URIRef
    Community: URIRef
    SpecialAdministrativeRegion: URIRef
    Region: URIRef
    Zone: URIRef
    Park: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    University: URIRef
    School: URIRef
    ResearchInstitute: URIRef
    Hospital: URIRef
    Enterprise: URIRef
    Alliance: URIRef
    Fund: URIRef
    InternationalOrganization: URIRef
    ServiceCenter: URIRef
    Project: URIRef
    TransportProject: URIRef
    Facility: URIRef
    InvestmentProject: URIRef
    Platform: URIRef
    Initiative: URIRef
    Strategy: URIRef
    Reform: URIRef
    Campaign: URIRef
    Program: URIRef
    Pilot: URIRef
    Mechanism: URIRef
    Slogan: URIRef
    PolicyDocument: URIRef
    Plan: URIRef
    PolicyPackage: URIRef
    Indicator: URIRef

    # properties
    partOf: URIRef
    locatedIn: URIRef
    cooperatesWith: URIRef
    promotes: URIRef
    indicator: URIRef
    reportKind: URIRef
    reviewPeriod: URIRef
    areaSource: URIRef
    dateSource: URIRef
    kindSource: URIRef
    reviewPeriodSource: URIRef
    plans: URIRef
    builds: URIRef
    completes: URIRef
    operates: URIRef
    signs: URIRef
    implements: URIRef
    issues: URIRef
    status: URIRef
    phase: URIRef
    evidence: URIRef
    rule: URIRef
    confidence: URIRef
    mentionOf: URIRef
    fileName: URIRef
    sha256: URIRef
    measureType: URIRef
    isTarget: URIRef
    normalizedValue: URIRef
    normalizedUnit: URIRef
    qualifier: URIRef
    valueText: URIRef
    reportCount: URIRef  # the counts over the corpus (graph/summary.py)
    nameReportCount: URIRef
    entityCount: URIRef

    # statistics and statuses
    Observation: URIRef
    MeasureType: URIRef
    Level: URIRef
    Growth: URIRef
    Decline: URIRef
    Share: URIRef
    Rank: URIRef
    ProjectStatus: URIRef
    Planned: URIRef
    UnderConstruction: URIRef
    Completed: URIRef
    InOperation: URIRef
    Signed: URIRef
    statusScheme: URIRef
    measureScheme: URIRef
    indicatorScheme: URIRef
    reportedIndicatorScheme: URIRef
    baseIndicator: URIRef
    indicatorText: URIRef
    dsd: URIRef
