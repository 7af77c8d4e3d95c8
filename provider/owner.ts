import * as pulumi from "@pulumi/pulumi";

/**
 * The owner of a resource declared in this program: `<organization>/<project>/<stack>/<resource name>`
 * (provider/ownership.ts says what it is for). Computed where the program runs, since the provider host is never
 * told the URN. A test mode without an organization still gets project, stack and name.
 */
export function ownerOf(resourceName: string): string {
  let organization = "";
  try {
    organization = pulumi.getOrganization();
  } catch {
    // setMocks without an organization
  }
  return [organization, pulumi.getProject(), pulumi.getStack(), resourceName].join("/");
}
