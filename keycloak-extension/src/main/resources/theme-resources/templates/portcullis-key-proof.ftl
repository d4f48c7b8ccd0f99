<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: portcullis-key-proof.ftl -->
    <#if section="header">
        ${msg("portcullisKeyProofTitle")}
    <#elseif section="form">
        <p id="portcullis-key-proof">${msg("portcullisKeyProofWhy")}</p>
        <div class="${properties.kcFormGroupClass!}">
            <a id="portcullis-sign-in-again" href="${url.loginRestartFlowUrl}"
               class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("portcullisKeyProofAgain")}</a>
        </div>
    </#if>
</@layout.registrationLayout>
