package app.octokube.backend.rbac;

import static app.octokube.backend.rbac.ReferenceModel.CLUSTERS;
import static app.octokube.backend.rbac.ReferenceModel.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.backend.rbac.ReferenceModel.BindingSpec;
import app.octokube.backend.rbac.ReferenceModel.Obj;
import app.octokube.backend.rbac.ReferenceModel.PolicySpec;
import app.octokube.backend.rbac.ReferenceModel.RoleSpec;
import app.octokube.backend.rbac.ReferenceModel.RuleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * "No user ever sees what the rules deny", checked over random policies and random objects
 * against {@link ReferenceModel}, a brute-force restatement of the rules. (Named *Test so that
 * Surefire's default includes run it.)
 */
class AccessPropertiesTest {
  private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

  @Property(tries = 300)
  void anObjectAnApplicableDenyMatchesIsNeverViewable(
      @ForAll("policies") PolicySpec spec, @ForAll("objects") List<Obj> objects) {
    Policy policy = Policies.parse(spec.yaml());
    for (String user : USERS) {
      for (String cluster : CLUSTERS) {
        Access access = policy.access(user, cluster, NOW);
        for (Obj obj : objects) {
          if (spec.rules(user, cluster, true).stream().anyMatch(deny -> ReferenceModel.matches(deny, true, obj))) {
            assertThat(mayView(access, obj)).as("%s on %s: %s", user, cluster, obj).isFalse();
          }
        }
      }
    }
  }

  @Property(tries = 300)
  void anObjectNoAllowMatchesIsNeverViewableExceptANamespaceTheUserMaySeeInto(
      @ForAll("policies") PolicySpec spec, @ForAll("objects") List<Obj> objects) {
    Policy policy = Policies.parse(spec.yaml());
    for (String user : USERS) {
      for (String cluster : CLUSTERS) {
        Access access = policy.access(user, cluster, NOW);
        for (Obj obj : objects) {
          boolean allowed = spec.rules(user, cluster, false).stream()
              .anyMatch(allow -> ReferenceModel.matches(allow, false, obj));
          if (!allowed && !obj.resource().equals("namespaces")) {
            assertThat(mayView(access, obj)).as("%s on %s: %s", user, cluster, obj).isFalse();
          }
        }
      }
    }
  }

  @Property(tries = 300)
  void everyDecisionAgreesWithTheReferenceModel(
      @ForAll("policies") PolicySpec spec, @ForAll("objects") List<Obj> objects) {
    Policy policy = Policies.parse(spec.yaml());
    for (String user : USERS) {
      for (String cluster : CLUSTERS) {
        Access access = policy.access(user, cluster, NOW);
        for (Obj obj : objects) {
          assertThat(mayView(access, obj))
              .as("%s on %s: %s in%n%s", user, cluster, obj, spec.yaml())
              .isEqualTo(ReferenceModel.mayView(spec, user, cluster, obj));
        }
      }
    }
  }

  @Property(tries = 300)
  void equalAccessKeysGiveEqualDecisions(@ForAll("policies") PolicySpec spec, @ForAll("objects") List<Obj> objects) {
    Policy policy = Policies.parse(spec.yaml());
    Map<AccessKey, Access> firstOfKey = new HashMap<>();
    boolean shared = false;
    for (String user : USERS) {
      for (String cluster : CLUSTERS) {
        Access access = policy.access(user, cluster, NOW);
        Access earlier = firstOfKey.putIfAbsent(access.key(), access);
        if (earlier == null) {
          continue;
        }
        shared = shared || !earlier.grantsNothing();
        for (Obj obj : objects) {
          assertThat(mayView(access, obj)).as("%s on %s: %s", user, cluster, obj).isEqualTo(mayView(earlier, obj));
          assertThat(access.maySubscribe(obj.resource())).isEqualTo(earlier.maySubscribe(obj.resource()));
        }
      }
    }
    // Without sharing the property would hold vacuously; the generator makes it common.
    Statistics.label("a non-empty key shared").collect(shared);
    Statistics.label("a non-empty key shared").coverage(checker -> checker.check(true).percentage(p -> p >= 10));
  }

  @Property(tries = 300)
  void noSecretIsViewableUnlessAnAllowNamesSecrets(
      @ForAll("policies") PolicySpec spec, @ForAll("objects") List<Obj> objects) {
    Policy policy = Policies.parse(spec.yaml());
    for (String user : USERS) {
      for (String cluster : CLUSTERS) {
        Access access = policy.access(user, cluster, NOW);
        boolean named = spec.rules(user, cluster, false).stream().anyMatch(rule -> rule.resources().contains("secrets"));
        for (Obj obj : objects) {
          if (obj.resource().equals("secrets") && !named) {
            assertThat(mayView(access, obj)).as("%s on %s: %s", user, cluster, obj).isFalse();
          }
        }
      }
    }
  }

  @Property(tries = 300)
  void aForbiddenSubscriptionHidesEveryObjectOfItsResource(
      @ForAll("policies") PolicySpec spec, @ForAll("objects") List<Obj> objects) {
    Policy policy = Policies.parse(spec.yaml());
    for (String user : USERS) {
      for (String cluster : CLUSTERS) {
        Access access = policy.access(user, cluster, NOW);
        for (Obj obj : objects) {
          if (!access.maySubscribe(obj.resource())) {
            assertThat(mayView(access, obj)).as("%s on %s: %s", user, cluster, obj).isFalse();
          }
        }
      }
    }
  }

  private static boolean mayView(Access access, Obj obj) {
    return access.mayView(obj.resource(), obj.namespace(), obj.name(), obj.labels());
  }

  @Provide
  Arbitrary<PolicySpec> policies() {
    Arbitrary<RoleSpec> role = Combinators.combine(rule(false).list().ofMaxSize(3), rule(true).list().ofMaxSize(2))
        .as(RoleSpec::new)
        .filter(r -> !r.allow().isEmpty() || !r.deny().isEmpty());
    return role.list().ofMinSize(1).ofMaxSize(4).flatMap(roles -> {
      Arbitrary<BindingSpec> binding = Combinators.combine(
          Arbitraries.integers().between(0, roles.size() - 1), Arbitraries.of(ReferenceModel.SUBJECTS))
          .as(BindingSpec::new);
      return binding.list().ofMinSize(1).ofMaxSize(6).map(bindings -> new PolicySpec(roles, bindings));
    });
  }

  @Provide
  Arbitrary<List<Obj>> objects() {
    Arbitrary<Map<String, String>> labels = Combinators.combine(
        Arbitraries.of("web", "api", "db").injectNull(0.3), Arbitraries.of("prod", "dev").injectNull(0.5))
        .as((tier, env) -> {
          Map<String, String> map = new HashMap<>();
          if (tier != null) {
            map.put("tier", tier);
          }
          if (env != null) {
            map.put("env", env);
          }
          return Map.copyOf(map);
        });
    Arbitrary<Obj> obj = Combinators.combine(
        Arbitraries.of(ReferenceModel.RESOURCES),
        Arbitraries.of(ReferenceModel.NAMESPACES),
        Arbitraries.of(ReferenceModel.NAMES),
        labels)
        .as((resource, namespace, name, objectLabels) -> {
          if (resource.equals("namespaces")) {
            return new Obj(resource, null, namespace, objectLabels);
          }
          boolean clusterScoped = ReferenceModel.CLUSTER_SCOPED.contains(resource);
          return new Obj(resource, clusterScoped ? null : namespace, name, objectLabels);
        });
    return obj.list().ofMinSize(1).ofMaxSize(25);
  }

  private static Arbitrary<RuleSpec> rule(boolean deny) {
    Arbitrary<List<String>> resources = globs(ReferenceModel.RESOURCE_GLOBS);
    return Combinators.combine(
        globs(ReferenceModel.CLUSTER_GLOBS).injectNull(0.5),
        globs(ReferenceModel.NAMESPACE_GLOBS).injectNull(0.4),
        deny ? resources.injectNull(0.3) : resources,
        globs(ReferenceModel.NAME_GLOBS).injectNull(0.6),
        Arbitraries.of(List.copyOf(ReferenceModel.SELECTORS.keySet())).injectNull(0.6))
        .as(RuleSpec::new);
  }

  private static Arbitrary<List<String>> globs(List<String> universe) {
    return Arbitraries.subsetOf(universe).ofMinSize(1).ofMaxSize(3).map(ArrayList::new);
  }
}
