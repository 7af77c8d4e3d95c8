import * as pulumi from "@pulumi/pulumi";

/**
 * The owner of a resource declared in this program (provider/ownership.ts says what it is for):
 * `<organization>/<project>/<stack>/<resource name>` for a resource at the top of the stack, and
 * `<organization>/<parent's URN>/<resource name>` under a parent (a component), so that two components declaring a
 * hub of the same name own different hubs. Computed where the program runs, since the provider host is never told
 * the URN; a parent's URN is known in preview too. A test mode without an organization still gets the rest.
 */
export function ownerOf(resourceName: string, opts: pulumi.ResourceOptions | undefined): pulumi.Input<string> {
  let organization = "";
  try {
    organization = pulumi.getOrganization();
  } catch {
    // setMocks without an organization
  }
  if (opts?.parent === undefined) return [organization, pulumi.getProject(), pulumi.getStack(), resourceName].join("/");
  return opts.parent.urn.apply((parentUrn) => [organization, parentUrn, resourceName].join("/"));
}
