"""The ontology (ontology/gov.ttl) against the OWL 2 DL restrictions on RDF graphs.

No OWL API profile checker runs here (it is a Java library fetched from Maven), so these
are the checks of the OWL 2 structural specification (section 5.8.1, typing constraints, and
the reserved vocabulary of section 2.4) that an ontology in Turtle can break, written with
rdflib: every term used is declared, with one kind; no reserved vocabulary is used as a
class or property of the ontology's own; datatype properties range over datatypes of the
OWL 2 datatype map and object properties over classes.
"""
import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib import namespace as rns

from govkg.ontology import ontology_path

RESERVED = (str(RDF), str(RDFS), str(OWL), str(rns.XSD))
# the built-in vocabulary an OWL 2 DL ontology may use as predicates
BUILTIN_PREDICATES = {RDF.type, RDF.first, RDF.rest, RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy,
                      RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.versionInfo,
                      OWL.equivalentClass, OWL.disjointWith, OWL.members, OWL.inverseOf, OWL.imports,
                      OWL.versionIRI, OWL.unionOf, OWL.intersectionOf, OWL.onProperty, OWL.someValuesFrom,
                      OWL.allValuesFrom, OWL.propertyChainAxiom, OWL.deprecated}
# the built-in classes a term may be typed with
BUILTIN_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology,
                 OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.FunctionalProperty, OWL.AsymmetricProperty,
                 OWL.InverseFunctionalProperty, OWL.ReflexiveProperty, OWL.IrreflexiveProperty,
                 OWL.NamedIndividual, OWL.AllDisjointClasses, OWL.Restriction, RDFS.Datatype}
CHARACTERISTICS = {OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.ReflexiveProperty,
                   OWL.IrreflexiveProperty, OWL.InverseFunctionalProperty}
# the OWL 2 datatype map (section 4 of the structural specification), as far as rns.XSD goes
DATATYPE_MAP = {rns.XSD[n] for n in (
    "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short byte "
    "unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token language "
    "Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp").split()} | {RDFS.Literal}
KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def onto():
    return Graph().parse(ontology_path(), format="turtle")


def declared(g: Graph, kind) -> set:
    return set(g.subjects(RDF.type, kind))


def kinds_of(g: Graph, prop) -> set:
    return {k for k in KINDS if (prop, RDF.type, k) in g}


def class_uses(g: Graph) -> set:
    """IRIs in the place of a class: in subClassOf, equivalence and disjointness, domains, ranges of
    object properties, typing and the members of AllDisjointClasses."""
    used = set()
    for s, o in g.subject_objects(RDFS.subClassOf):
        used |= {s, o}
    for p in (OWL.equivalentClass, OWL.disjointWith):
        for s, o in g.subject_objects(p):
            used |= {s, o}
    used |= set(g.objects(None, RDFS.domain))
    for p, r in g.subject_objects(RDFS.range):
        if OWL.DatatypeProperty not in kinds_of(g, p):
            used.add(r)
    used |= {t for t in g.objects(None, RDF.type) if t not in BUILTIN_TYPES}
    for lst in g.objects(None, OWL.members):
        used |= set(g.items(lst))
    return {u for u in used if isinstance(u, URIRef)}


BUILTIN_CLASSES = {OWL.Thing, OWL.Nothing}


def test_every_class_used_is_declared(onto):
    assert sorted(class_uses(onto) - declared(onto, OWL.Class) - BUILTIN_CLASSES) == []


def test_no_reserved_vocabulary_as_a_class_or_a_property_of_its_own(onto):
    # rdf:Statement as a domain, rdfs:Resource as a range, rdf:Property as a type: none is OWL 2 DL
    assert sorted(u for u in class_uses(onto) - BUILTIN_CLASSES if str(u).startswith(RESERVED)) == []
    assert sorted({s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(RESERVED)}) == []
    assert not list(onto.subjects(RDF.type, RDF.Property))


def test_every_predicate_is_built_in_or_declared_with_one_kind(onto):
    for p in sorted(set(onto.predicates())):
        if p in BUILTIN_PREDICATES:
            continue
        assert len(kinds_of(onto, p)) == 1, f"{p} is used as a predicate and declared as {kinds_of(onto, p)}"


def test_every_property_described_has_exactly_one_kind(onto):
    described = set()
    for p in (RDFS.domain, RDFS.range, RDFS.subPropertyOf):
        described |= set(onto.subjects(p, None))
    described |= set(onto.objects(None, RDFS.subPropertyOf))
    for k in (*CHARACTERISTICS, *KINDS):
        described |= set(onto.subjects(RDF.type, k))
    for p in sorted(described):
        assert len(kinds_of(onto, p)) == 1, f"{p}: declared as {sorted(kinds_of(onto, p))}"


def test_sub_properties_keep_their_kind(onto):
    for s, o in onto.subject_objects(RDFS.subPropertyOf):
        assert kinds_of(onto, s) == kinds_of(onto, o), (s, o)


def test_characteristics_are_only_on_object_properties(onto):
    for k in CHARACTERISTICS:
        for p in onto.subjects(RDF.type, k):
            assert kinds_of(onto, p) == {OWL.ObjectProperty}, (p, k)


def test_ranges_fit_the_property_kind(onto):
    for p, r in onto.subject_objects(RDFS.range):
        if kinds_of(onto, p) == {OWL.DatatypeProperty}:
            assert r in DATATYPE_MAP, f"{p}: range {r} is not in the OWL 2 datatype map"
        else:
            assert (r, RDF.type, OWL.Class) in onto or r in BUILTIN_CLASSES, f"{p}: range {r} is not a declared class"


def test_property_values_fit_their_kind(onto):
    """An object property links IRIs (or blank nodes), a datatype property gives literals."""
    for s, p, o in onto:
        kinds = kinds_of(onto, p)
        if kinds == {OWL.ObjectProperty}:
            assert not isinstance(o, Literal), (s, p, o)
        elif kinds == {OWL.DatatypeProperty}:
            assert isinstance(o, Literal), (s, p, o)


def test_individuals_are_typed_with_declared_classes(onto):
    for s, t in onto.subject_objects(RDF.type):
        if t not in BUILTIN_TYPES:
            assert (t, RDF.type, OWL.Class) in onto, (s, t)


def test_the_five_top_classes_are_disjoint(onto):
    tops = {URIRef(f"https://w3id.org/govkg/ontology#{n}")
            for n in ("Place", "Organization", "Project", "Initiative", "PolicyDocument")}
    for a in tops:
        for b in tops - {a}:
            assert (a, OWL.disjointWith, b) in onto or (b, OWL.disjointWith, a) in onto, (a, b)


def test_no_blank_nodes(onto):
    """Blank node labels change from build to build; every export must be the same bytes."""
    assert not [t for t in onto if any(isinstance(x, BNode) for x in t)]


def test_no_equivalence_to_other_vocabularies(onto):
    """schema.org's Hospital and School are places as well as organizations; an equivalence would
    make a gov:Hospital a gov:Place. Alignments are rdfs:subClassOf."""
    assert list(onto.subject_objects(OWL.equivalentClass)) == []
