package sediment.spark.bulkimport;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

class LeafGroupsTest {
    @Property(tries = 500)
    void everyLeafIsInExactlyOneGroupOfConsecutiveLeavesAsEvenAsCanBe(@ForAll @IntRange(min = 1, max = 5000) int leaves,
                                                                       @ForAll @IntRange(min = 1, max = 300) int tasks) {
        LeafGroups groups = LeafGroups.of(leaves, tasks);

        assertThat(groups.count()).isEqualTo(Math.min(leaves, tasks));
        int expectedFirst = 0;
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int g = 0; g < groups.count(); g++) {
            assertThat(groups.firstLeaf(g)).isEqualTo(expectedFirst);
            int size = groups.lastLeaf(g) - groups.firstLeaf(g) + 1;
            assertThat(size).isPositive();
            smallest = Math.min(smallest, size);
            largest = Math.max(largest, size);
            for (int leaf = groups.firstLeaf(g); leaf <= groups.lastLeaf(g); leaf++) {
                assertThat(groups.groupOf(leaf)).isEqualTo(g);
            }
            expectedFirst = groups.lastLeaf(g) + 1;
        }
        assertThat(expectedFirst).isEqualTo(leaves);
        assertThat(largest - smallest).isLessThanOrEqualTo(1);
    }
}
